package io.roster.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long a run of {@link RebalanceBench} should take, from a simple model of each event: a
 * quiet time before it a quarter longer than its convergence (at least the settle time), the
 * convergence, the settle time after it. Convergence is guessed from the contender's timeouts: a
 * kill waits for the session timeout; with Kafka's protocols an add takes one heartbeat interval
 * (KIP-848) or two (classic) and a close most of one; Roster pushes changes (tens of ms).
 * Calibrated against smoke runs; printed before the run and used for the progress lines.
 */
final class RunEstimate {

    /** What each event costs beyond the model: consumer start-up and stop, the coordinator checks, the analysis. */
    private static final long OVERHEAD_MS = 1_000;
    static final long MAX_QUIET_MS = 120_000;
    private static final long ROSTER_CHANGE_MS = 100;
    /** Kafka reassigns a dead member's partitions a little after its session timeout (seen: 0.3 to 3 s). */
    private static final long KILL_AFTER_SESSION_MS = 2_500;
    /** Building the group's first consumers, their first join, under load. */
    private static final long START_GROUP_MS = 10_000;
    /** Building and starting one consumer at the start of a block, and the block's closing. */
    private static final long START_PER_CONSUMER_MS = 150;
    private static final long CLOSE_BLOCK_MS = 3_000;

    private final RebalanceSettings settings;

    RunEstimate(RebalanceSettings settings) {
        this.settings = settings;
    }

    /** The guessed convergence of an event, ms. */
    long convergenceMs(RebalanceContender contender, RebalanceEvent event) {
        long heartbeat = contender.heartbeatMs(settings);
        if (contender == RebalanceContender.ROSTER) {
            return event == RebalanceEvent.KILL ? contender.sessionTimeoutMs() : ROSTER_CHANGE_MS;
        }
        long guess = switch (event) {
            // the members learn of a change at their next heartbeat; the classic join takes two rounds
            case ADD -> contender.consumerProtocol() ? heartbeat : 2 * heartbeat;
            case CLOSE -> heartbeat * 7 / 10;
            case KILL -> contender.sessionTimeoutMs() + Math.min(heartbeat, KILL_AFTER_SESSION_MS);
        };
        return Math.max(ROSTER_CHANGE_MS, guess);
    }

    /** One event from the start of its quiet time to the group settled after it, ms. */
    long eventMs(RebalanceContender contender, RebalanceEvent event) {
        long convergence = convergenceMs(contender, event);
        return TimeUnit.NANOSECONDS.toMillis(quietNanos(TimeUnit.MILLISECONDS.toNanos(convergence),
                TimeUnit.MILLISECONDS.toNanos(settings.settleMs()))) + convergence + settings.settleMs() + OVERHEAD_MS;
    }

    /**
     * How long a group must have been settled before an event expected to converge in
     * {@code convergenceNanos}: a quarter longer (convergence varies), so that the noise window,
     * as long as the event's, fits; at least the settle time, at most {@link #MAX_QUIET_MS}.
     */
    static long quietNanos(long convergenceNanos, long settleNanos) {
        return Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_QUIET_MS), Math.max(settleNanos, convergenceNanos * 5 / 4));
    }

    /** A round: add, close, add, kill. */
    long roundMs(RebalanceContender contender) {
        return 2 * eventMs(contender, RebalanceEvent.ADD) + eventMs(contender, RebalanceEvent.CLOSE)
                + eventMs(contender, RebalanceEvent.KILL);
    }

    /** Starting the group, its settling, the warm-up when asked, and closing it, ms. */
    long blockOverheadMs(RebalanceContender contender, int size, boolean warmup) {
        long start = START_GROUP_MS + size * START_PER_CONSUMER_MS + 3 * convergenceMs(contender, RebalanceEvent.ADD)
                + settings.settleMs();
        long warm = warmup ? settings.warmupRounds() * (eventMs(contender, RebalanceEvent.ADD)
                + eventMs(contender, RebalanceEvent.CLOSE)) : 0;
        return start + warm + CLOSE_BLOCK_MS;
    }

    long blockMs(RebalanceContender contender, int size, boolean warmup) {
        return blockOverheadMs(contender, size, warmup) + settings.rounds() * roundMs(contender);
    }

    /** The whole run but the broker's and coordinator's start-up, ms. */
    long totalMs() {
        long total = 0;
        for (int size : settings.sizes()) {
            for (int block = 0; block < settings.blocks(); block++) {
                for (RebalanceContender contender : settings.contenders()) {
                    total += blockMs(contender, size, block == 0);
                }
            }
        }
        return total;
    }

    /** Events the run measures: four per round. */
    int events() {
        List<Integer> sizes = settings.sizes();
        return sizes.size() * settings.contenders().size() * settings.measuredRounds() * 4;
    }
}
