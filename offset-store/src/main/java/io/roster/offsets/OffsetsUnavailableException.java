package io.roster.offsets;

/**
 * A change of offsets could not be made durable in time (the durable offset log did not acknowledge it),
 * so the offset store did not apply it: nothing changed in the store. Retrying later is safe.
 */
public final class OffsetsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OffsetsUnavailableException(String message) {
        super(message);
    }

    public OffsetsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
