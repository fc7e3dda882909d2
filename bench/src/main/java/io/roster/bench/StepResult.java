package io.roster.bench;

import java.util.List;

/**
 * One measured step of {@link CapacityBench}: who was measured ({@code side}: heartbeats, Roster sync or async
 * commits, Kafka commits), with how many requests in flight and how many partitions per commit (0 for
 * heartbeats), what it did, and the CPU each process used meanwhile (percent of one core: coordinator, broker,
 * load generator; NaN when not running or unknown).
 */
record StepResult(String side, int batch, int inFlight, StepRecorder.Figures figures, List<Double> cpuPercent) {

    /** Partition offsets per second for commits; requests per second otherwise. */
    double itemsPerSecond() {
        return figures.perSecond() * Math.max(1, batch);
    }

    /** Within the latency bound, without a single error. */
    boolean withinTarget(double p99BoundMillis) {
        return figures.errorCount() == 0 && figures.completed() > 0 && figures.p99Millis() < p99BoundMillis;
    }
}
