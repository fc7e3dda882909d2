package io.roster.bench;

import io.roster.bench.SdkOverheadSettings.ConsumerKind;

/**
 * One run of {@link SdkOverheadBench}: one consumer read every record of the topic once. Times are from
 * the start call; {@code joinNanos} is when the SDK consumer held every partition (-1 for the raw one).
 */
record ReadSample(ConsumerKind consumer, int round, boolean warmup, long records, long totalNanos,
                  long firstRecordNanos, long joinNanos) {

    double recordsPerSecond() {
        return perSecond(records, totalNanos);
    }

    /** The time without the join: what the SDK consumer needed once it held its partitions. */
    long withoutJoinNanos() {
        return totalNanos - Math.max(0, joinNanos);
    }

    /** From the first record handled to the last: reading once both consumers are under way. */
    long steadyNanos() {
        return totalNanos - firstRecordNanos;
    }

    static double perSecond(long records, long nanos) {
        return nanos <= 0 ? 0 : records * 1e9 / nanos;
    }
}
