package io.roster.bench;

import io.roster.bench.ProcessingLedger.Timeline;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one event did to a group, read from the records processed around it. Pure: the same
 * timeline and ownerships give the same outcome.
 *
 * <ul>
 * <li><b>Convergence</b>: for each partition, the first record its final owner processed at or
 * after the event; the latest of these, minus the event time. For a partition whose owner did
 * not change this is simply its first record after the event.
 * <li><b>Stop-the-world</b>: over the partitions whose owner was the same before and after,
 * the longest gap between consecutive records from the last one before the event to the
 * first one after the convergence end.
 * <li><b>Noise floor</b>: the same over the same partitions in an equally long window just
 * before the event (shorter when the group had been settled for less time: the window never
 * reaches back into the previous event), from the last record before the window to the last
 * one before the event.
 * </ul>
 */
final class EventAnalysis {

    private EventAnalysis() {
    }

    /** Times in nanoseconds of {@link System#nanoTime()}; owners are consumer ids per partition. */
    record Outcome(long convergenceNanos, long stopTheWorldNanos, long noiseFloorNanos, long noiseWindowNanos,
                   int moved, int needed) {

        /** Partitions that changed owner beyond those that had to: the newcomer's share, the leaver's partitions. */
        int extraMoved() {
            return moved - needed;
        }

        double convergenceMillis() {
            return convergenceNanos / 1e6;
        }

        double stopTheWorldMillis() {
            return stopTheWorldNanos / 1e6;
        }

        double noiseFloorMillis() {
            return noiseFloorNanos / 1e6;
        }

        /** The noise window was shorter than the event's window. */
        boolean shortNoiseWindow() {
            return noiseWindowNanos < convergenceNanos;
        }
    }

    /**
     * @param settledSinceNanos since when the group had been settled in {@code ownerBefore}
     * @throws BenchmarkFailure when a partition has no record of its final owner after the event
     *         (the harness declared a group settled that was not)
     */
    static Outcome of(Timeline timeline, long eventNanos, long settledSinceNanos, int[] ownerBefore, int[] ownerAfter) {
        long end = eventNanos;
        int moved = 0;
        int needed = 0;
        Set<Integer> ownersBefore = Arrays.stream(ownerBefore).boxed().collect(Collectors.toSet());
        Set<Integer> ownersAfter = Arrays.stream(ownerAfter).boxed().collect(Collectors.toSet());
        for (int p = 0; p < timeline.partitions(); p++) {
            long first = firstBy(timeline, p, ownerAfter[p], eventNanos);
            if (first < 0) {
                throw new BenchmarkFailure("partition " + p + " has no record of its final owner (consumer "
                        + ownerAfter[p] + ") after the event");
            }
            end = Math.max(end, first);
            if (ownerBefore[p] != ownerAfter[p]) {
                moved++;
            }
            if (!ownersBefore.contains(ownerAfter[p]) || !ownersAfter.contains(ownerBefore[p])) {
                needed++;
            }
        }
        long convergence = end - eventNanos;
        long noiseWindow = Math.min(convergence, eventNanos - settledSinceNanos);
        long stopTheWorld = 0;
        long noise = 0;
        for (int p = 0; p < timeline.partitions(); p++) {
            if (ownerBefore[p] == ownerAfter[p]) {
                stopTheWorld = Math.max(stopTheWorld, longestGap(timeline, p, eventNanos, end, true));
                noise = Math.max(noise, longestGap(timeline, p, eventNanos - noiseWindow, eventNanos - 1, false));
            }
        }
        return new Outcome(convergence, stopTheWorld, noise, noiseWindow, moved, needed);
    }

    private static long firstBy(Timeline timeline, int partition, int consumer, long from) {
        int[] consumers = timeline.consumers()[partition];
        long[] nanos = timeline.nanos()[partition];
        for (int i = timeline.firstAtOrAfter(partition, from); i < nanos.length; i++) {
            if (consumers[i] == consumer) {
                return nanos[i];
            }
        }
        return -1;
    }

    /**
     * The longest gap between consecutive records of {@code partition} from the last one before
     * {@code from} through the records up to {@code to}, and the first one after {@code to} when
     * {@code throughNext}.
     */
    static long longestGap(Timeline timeline, int partition, long from, long to, boolean throughNext) {
        long[] nanos = timeline.nanos()[partition];
        int first = Math.max(0, timeline.firstAtOrAfter(partition, from) - 1);
        int last = timeline.firstAtOrAfter(partition, to + 1) - 1;
        if (throughNext && last + 1 < nanos.length) {
            last++;
        }
        long longest = 0;
        for (int i = first; i < last; i++) {
            longest = Math.max(longest, nanos[i + 1] - nanos[i]);
        }
        return longest;
    }
}
