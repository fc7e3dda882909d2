package io.roster.offsets;

/**
 * The coordinator cluster started without offsets and is reloading them from the durable offset log;
 * until it has, committed offsets can be neither read nor changed. Retrying later is safe.
 */
public final class OffsetsLoadingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OffsetsLoadingException(String message) {
        super(message);
    }
}
