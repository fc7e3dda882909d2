package io.roster.client.internal;

/**
 * The records of one poll: when every one of them is processed or dropped, {@code onDone}
 * runs (the after-batch commit policy commits then).
 */
public final class FetchBatch {

    private final Runnable onDone;
    private int remaining;

    public FetchBatch(int records, Runnable onDone) {
        this.remaining = records;
        this.onDone = onDone;
    }

    public void done() {
        if (--remaining == 0) {
            onDone.run();
        }
    }
}
