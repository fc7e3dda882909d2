package io.roster.bench;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The measured runs of one consumer: median and 99th percentile by nearest rank (with 10 runs the 99th
 * percentile is the slowest run). Throughputs are the records over the median (or p99) time, so the p99
 * throughput is the lowest one.
 */
record ReadSummary(int runs, long records, long medianNanos, long p99Nanos, long medianJoinNanos, long p99JoinNanos,
                   long medianWithoutJoinNanos, long medianFirstRecordNanos, long medianSteadyNanos) {

    static ReadSummary of(List<ReadSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarize");
        }
        return new ReadSummary(samples.size(), samples.get(0).records(),
                percentile(samples, ReadSample::totalNanos, 50), percentile(samples, ReadSample::totalNanos, 99),
                percentile(samples, ReadSample::joinNanos, 50), percentile(samples, ReadSample::joinNanos, 99),
                percentile(samples, ReadSample::withoutJoinNanos, 50), percentile(samples, ReadSample::firstRecordNanos, 50),
                percentile(samples, ReadSample::steadyNanos, 50));
    }

    double medianPerSecond() {
        return ReadSample.perSecond(records, medianNanos);
    }

    double p99PerSecond() {
        return ReadSample.perSecond(records, p99Nanos);
    }

    double medianWithoutJoinPerSecond() {
        return ReadSample.perSecond(records, medianWithoutJoinNanos);
    }

    /** The records after the first one, over the time from the first to the last. */
    double medianSteadyPerSecond() {
        return ReadSample.perSecond(records - 1, medianSteadyNanos);
    }

    private static long percentile(List<ReadSample> samples, ToLongFunction<ReadSample> value, int percent) {
        long[] sorted = samples.stream().mapToLong(value).sorted().toArray();
        return sorted[LatencySummary.rank(sorted.length, percent)];
    }
}
