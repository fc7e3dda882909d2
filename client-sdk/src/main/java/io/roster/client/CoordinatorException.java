package io.roster.client;

/** A coordinator answered with an error (docs/protocol.md lists the codes). */
public class CoordinatorException extends RuntimeException {

    private final int status;
    private final String error;

    public CoordinatorException(int status, String error, String message) {
        super("coordinator answered " + status + " " + error + ": " + message);
        this.status = status;
        this.error = error;
    }

    /** The HTTP status (0 when no coordinator could be reached). */
    public int status() {
        return status;
    }

    /** The protocol's error code, such as {@code UNKNOWN_MEMBER}. */
    public String error() {
        return error;
    }
}
