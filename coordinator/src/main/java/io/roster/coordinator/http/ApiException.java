package io.roster.coordinator.http;

/** A request the API refuses: an HTTP status, a stable error code, and a message. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final int retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, -1);
    }

    /** @param retryAfterSeconds sent as the {@code Retry-After} header; negative for none */
    public ApiException(int status, String code, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException invalid(String message) {
        return new ApiException(400, "INVALID_REQUEST", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds after which a retry may succeed, for the {@code Retry-After} header; negative for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
