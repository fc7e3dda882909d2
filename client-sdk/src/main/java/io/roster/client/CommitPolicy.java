package io.roster.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When the consumer commits the offsets it has processed. Whatever the policy, it also
 * commits a partition before releasing it and every partition on {@link RosterConsumer#close()}.
 */
public final class CommitPolicy {

    /** How commits are triggered. */
    public enum Mode { PERIODIC, AFTER_BATCH, MANUAL }

    private final Mode mode;
    private final Duration interval;

    private CommitPolicy(Mode mode, Duration interval) {
        this.mode = mode;
        this.interval = interval;
    }

    /** Every {@code interval} (the default: every second). */
    public static CommitPolicy periodic(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("commit interval must be positive: " + interval);
        }
        return new CommitPolicy(Mode.PERIODIC, interval);
    }

    /** Once every record of a fetched batch has been processed (or dropped). */
    public static CommitPolicy afterBatch() {
        return new CommitPolicy(Mode.AFTER_BATCH, null);
    }

    /** Only when the application calls {@link RosterConsumer#commit()}. */
    public static CommitPolicy manual() {
        return new CommitPolicy(Mode.MANUAL, null);
    }

    public static CommitPolicy defaults() {
        return periodic(Duration.ofSeconds(1));
    }

    public Mode mode() {
        return mode;
    }

    /** The period of {@link Mode#PERIODIC}; null otherwise. */
    public Duration interval() {
        return interval;
    }

    @Override
    public String toString() {
        return mode == Mode.PERIODIC ? "periodic(" + interval.toMillis() + " ms)" : mode.name().toLowerCase();
    }
}
