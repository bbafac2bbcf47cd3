package com.sealflow.server.web;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * CSRF protection with the {@code XSRF-TOKEN} cookie / {@code X-XSRF-TOKEN} header convention (axios and
 * Angular send the header by themselves). A mutation authenticated by the session cookie must carry the
 * header, equal to the token bound to that session. Requests with an API token are not exposed to CSRF
 * (browsers never attach it). Anonymous endpoints that start a session (login, setup) use
 * {@link #requireDoubleSubmit()}: the header must equal the cookie.
 */
public final class Csrf implements Handler<RoutingContext> {

    public static final String COOKIE = "XSRF-TOKEN";
    public static final String HEADER = "X-XSRF-TOKEN";
    static final String SESSION_TOKEN = "sealflow.csrf.sessionToken";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean secureCookies;

    public Csrf(boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The authenticator records the CSRF token of the session it resolved. */
    public static void bindSessionToken(RoutingContext ctx, String token) {
        ctx.put(SESSION_TOKEN, token);
    }

    /** Sets the readable {@code XSRF-TOKEN} cookie the web app copies into the header. */
    public static void issue(RoutingContext ctx, String token, boolean secure) {
        ctx.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(false)
            .setSameSite(CookieSameSite.STRICT).setSecure(secure));
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        boolean safe = m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS;
        CurrentUser user = ctx.get(CurrentUser.KEY);
        if (safe || user == null || user.method() != CurrentUser.AuthMethod.SESSION) {
            ctx.next();
            return;
        }
        String expected = ctx.get(SESSION_TOKEN);
        if (!matches(expected, ctx.request().getHeader(HEADER))) {
            ctx.fail(csrfProblem());
            return;
        }
        ctx.next();
    }

    public static Handler<RoutingContext> requireDoubleSubmit() {
        return ctx -> {
            Cookie c = ctx.request().getCookie(COOKIE);
            if (c == null || !matches(c.getValue(), ctx.request().getHeader(HEADER))) {
                throw csrfProblem();
            }
            ctx.next();
        };
    }

    public boolean secureCookies() {
        return secureCookies;
    }

    static boolean matches(String expected, String actual) {
        if (expected == null || actual == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static ProblemException csrfProblem() {
        return new ProblemException(403, "csrf", "CSRF token missing or wrong",
            "send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header (GET /api/auth/csrf issues one)");
    }
}
