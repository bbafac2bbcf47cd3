package com.sealflow.server.device;

/**
 * A refusal with an HTTP status and a stable problem type slug (RFC 9457 {@code https://sealflow.dev/problems/<slug>}).
 * Thrown or failed-with by the device and evidence modules; routes turn it into problem+json.
 */
public final class DeviceProblem extends RuntimeException {

    private final int status;
    private final String slug;

    public DeviceProblem(int status, String slug, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public static DeviceProblem notFound(String what) {
        return new DeviceProblem(404, "not-found", what + " not found");
    }

    public static DeviceProblem conflict(String detail) {
        return new DeviceProblem(409, "state-conflict", detail);
    }

    public static DeviceProblem invalid(String detail) {
        return new DeviceProblem(400, "bad-request", detail);
    }
}
