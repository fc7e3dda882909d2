package io.roster.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Percentiles of the measured joins of one configuration, by the nearest-rank method; and the
 * same method for any other sample ({@link #percentile}).
 */
record LatencySummary(int runs, double medianMillis, double p90Millis, double p99Millis, double maxMillis,
                      int medianHeartbeats, int maxHeartbeats, int medianNotices) {

    static LatencySummary of(List<JoinSample> samples) {
        double[] millis = samples.stream().mapToDouble(JoinSample::millis).sorted().toArray();
        int[] heartbeats = samples.stream().mapToInt(s -> s.counts().heartbeats()).sorted().toArray();
        int[] notices = samples.stream().mapToInt(s -> s.counts().notices()).sorted().toArray();
        return new LatencySummary(samples.size(), millis[rank(millis.length, 50)], millis[rank(millis.length, 90)],
                millis[rank(millis.length, 99)], millis[millis.length - 1], heartbeats[rank(heartbeats.length, 50)],
                Arrays.stream(heartbeats).max().orElse(0), notices[rank(notices.length, 50)]);
    }

    /** The {@code percent}th percentile of ascending {@code sorted} values by nearest rank; NaN when there are none. */
    static double percentile(double[] sorted, int percent) {
        return sorted.length == 0 ? Double.NaN : sorted[rank(sorted.length, percent)];
    }

    /** The index of the {@code percent}th percentile in a sorted array of {@code n}: the smallest value with that share at or below it. */
    static int rank(int n, int percent) {
        return Math.max(0, (int) Math.ceil(percent / 100.0 * n) - 1);
    }
}
