package io.roster.offsets;

import java.util.Objects;

/**
 * Settings of {@link DurableOffsets}.
 *
 * @param mode          when a change is acknowledged relative to its durable write
 * @param timeoutMs     how long a change may wait for the log ({@link DurabilityMode#SYNC}), or one batch
 *                      ({@link DurabilityMode#ASYNC}), before it counts as failed
 * @param lingerMs      {@link DurabilityMode#ASYNC}: how long changes gather before they are written, as a
 *                      producer's {@code linger.ms}
 * @param batchRecords  {@link DurabilityMode#ASYNC}: the most records written in one batch; a full batch is
 *                      written without waiting for {@code lingerMs}, as a producer's {@code batch.size}
 */
public record DurableOffsetsConfig(DurabilityMode mode, long timeoutMs, long lingerMs, int batchRecords) {

    public static final long DEFAULT_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_LINGER_MS = 5;
    public static final int DEFAULT_BATCH_RECORDS = 1_000;

    public DurableOffsetsConfig {
        Objects.requireNonNull(mode, "mode");
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("durable offsets timeout must be positive: " + timeoutMs);
        }
        if (lingerMs < 0) {
            throw new IllegalArgumentException("durable offsets linger must not be negative: " + lingerMs);
        }
        if (batchRecords < 1) {
            throw new IllegalArgumentException("durable offsets batch must hold at least one record: " + batchRecords);
        }
    }

    /** {@code mode} with the default timeout (5 s), linger (5 ms) and batch (1000 records). */
    public static DurableOffsetsConfig of(DurabilityMode mode) {
        return new DurableOffsetsConfig(mode, DEFAULT_TIMEOUT_MS, DEFAULT_LINGER_MS, DEFAULT_BATCH_RECORDS);
    }

    public DurableOffsetsConfig withTimeoutMs(long ms) {
        return new DurableOffsetsConfig(mode, ms, lingerMs, batchRecords);
    }

    public DurableOffsetsConfig withLingerMs(long ms) {
        return new DurableOffsetsConfig(mode, timeoutMs, ms, batchRecords);
    }

    public DurableOffsetsConfig withBatchRecords(int records) {
        return new DurableOffsetsConfig(mode, timeoutMs, lingerMs, records);
    }
}
