package io.roster.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one closed-loop step saw on one thread (an event loop, a Kafka consumer's thread): confined to that thread
 * until the step is over, then merged. A request counts when it completes inside the measured window (it may have
 * started in the warm-up); an error counts wherever it happens in the step, warm-up included.
 */
final class StepRecorder {

    private final long windowStart;
    private final long windowEnd;
    private long[] latencies = new long[1024];
    private int count;
    private final Map<String, Long> errors = new TreeMap<>();

    StepRecorder(long windowStart, long windowEnd) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    /** A loop may start another request while this holds: the measured window has not ended. */
    boolean open(long nanoTime) {
        return nanoTime < windowEnd;
    }

    /** A request that succeeded, started and ended at these {@link System#nanoTime()}s. */
    void succeeded(long startNanos, long endNanos) {
        if (endNanos >= windowStart && endNanos < windowEnd) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = endNanos - startNanos;
        }
    }

    /** A request that failed or whose answer was wrong; {@code kind} names what went wrong, without ids. */
    void failed(String kind) {
        errors.merge(kind, 1L, Long::sum);
    }

    /** The figures of a step from the recorders of all its threads. */
    static Figures merge(List<StepRecorder> recorders, double seconds) {
        long[] all = recorders.stream().flatMapToLong(r -> Arrays.stream(r.latencies, 0, r.count)).sorted().toArray();
        Map<String, Long> errors = new TreeMap<>();
        recorders.forEach(r -> r.errors.forEach((kind, n) -> errors.merge(kind, n, Long::sum)));
        return new Figures(all.length, seconds, percentileMillis(all, 50), percentileMillis(all, 99),
                all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6, errors);
    }

    /** Successful requests completed in the window, their latency percentiles, and every error of the step. */
    record Figures(long completed, double seconds, double p50Millis, double p99Millis, double maxMillis,
                   Map<String, Long> errors) {

        double perSecond() {
            return completed / seconds;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Nearest rank: the smallest value with at least {@code percent} % of the values at or below it. */
    private static double percentileMillis(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
        return sorted[rank] / 1e6;
    }
}
