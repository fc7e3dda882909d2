package io.roster.coordinator.http;

/** A request the API refuses: an HTTP status, a stable error code, and a message. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
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
}
