package com.sealflow.server.notify;

import com.sealflow.server.web.JsonBody;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.ProblemException.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Checks what an admin sends for an endpoint: 422 with every problem at once. */
final class WebhookInput {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookInput() {
    }

    static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Merges {@code body} over {@code base} (null when creating) and validates the result. */
    static WebhookEndpoints.Endpoint merge(JsonBody body, WebhookEndpoints.Endpoint base, String id, String actorId, long now) {
        List<FieldError> errors = new ArrayList<>();
        String url = body.has("url") || base == null ? body.optString("url") : base.url();
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("url", "url is required"));
        } else if (!validUrl(url)) {
            errors.add(new FieldError("url", "an absolute http or https URL with a host, at most 2000 characters"));
        }
        List<String> types = body.has("eventTypes") || base == null ? body.strings("eventTypes") : base.eventTypes();
        if (types.isEmpty()) {
            errors.add(new FieldError("eventTypes", "name at least one event type, or \"*\" for all"));
        }
        for (String t : types) {
            if (!WebhookEndpoints.ALL.equals(t) && !WebhookEndpoints.EVENT_TYPES.contains(t)) {
                errors.add(new FieldError("eventTypes", "unknown event type '" + t + "'; known: " + WebhookEndpoints.EVENT_TYPES));
            }
        }
        String secret = body.has("secret") ? body.optString("secret") : base == null ? newSecret() : base.secret();
        if (secret == null || secret.length() < 16 || secret.length() > 256 || !secret.strip().equals(secret)) {
            errors.add(new FieldError("secret", "16 to 256 characters without surrounding spaces"));
        }
        String description = body.has("description") || base == null ? body.optString("description") : base.description();
        if (description != null && description.length() > 200) {
            errors.add(new FieldError("description", "at most 200 characters"));
        }
        Boolean active = body.optBoolean("active");
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new WebhookEndpoints.Endpoint(id, url, secret, List.copyOf(new LinkedHashSet<>(types)), description,
            active != null ? active : base == null || base.active(), base == null ? actorId : base.createdBy(),
            base == null ? now : base.createdAt(), now);
    }

    static boolean validUrl(String url) {
        if (url.length() > 2000) {
            return false;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && u.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
