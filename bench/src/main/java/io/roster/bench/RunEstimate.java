package io.roster.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long a run of {@link RebalanceBench} should take, from a simple model of each event: a
 * quiet time before it a quarter longer than its convergence (at least the settle time), and the
 * convergence. Convergence is guessed from the contender's timeouts: a
 * kill waits for the session timeout; with KIP-848 an add takes a heartbeat interval and a close
 * most of one; the classic protocol's members also hear of a rebalance from a refused commit;
 * Roster pushes changes (tens to hundreds of ms). Calibrated against smoke runs with groups of
 * three on a shared machine (larger groups take longer); printed before the run and used for the
 * progress lines.
 */
final class RunEstimate {

    /** What each event costs beyond the model: consumer start-up and stop, the coordinator checks, the analysis. */
    private static final long OVERHEAD_MS = 1_000;
    static final long MAX_QUIET_MS = 120_000;
    private static final long ROSTER_CHANGE_MS = 100;
    /** Kafka reassigns a dead member's partitions a little after its session timeout (seen: -0.2 to 0.6 s). */
    private static final long KILL_AFTER_SESSION_MS = 500;
    /** A classic join beyond one heartbeat interval (seen with 3 s: 3.4 and 4.4 s; with 0.5 s: 0.6 and 1.0 s). */
    private static final long CLASSIC_JOIN_MS = 1_000;
    /** A classic leave (seen: 0.1 to 0.3 s). */
    private static final long CLASSIC_LEAVE_MS = 300;
    /** Building the group's first consumers, their first join. */
    private static final long START_GROUP_MS = 3_000;
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
            // KIP-848 members learn of a change at their next heartbeat; classic ones also from a commit
            // refused during the rebalance (the consumers commit every second), then join in two rounds
            case ADD -> contender.consumerProtocol() ? heartbeat : heartbeat + CLASSIC_JOIN_MS;
            case CLOSE -> contender.consumerProtocol() ? heartbeat * 4 / 5 : CLASSIC_LEAVE_MS;
            case KILL -> contender.sessionTimeoutMs() + KILL_AFTER_SESSION_MS;
        };
        return Math.max(ROSTER_CHANGE_MS, guess);
    }

    /**
     * One event from the start of its quiet time to the group settled after it, ms. The settle time
     * after an event is the start of the next one's quiet time, so it is not counted twice.
     */
    long eventMs(RebalanceContender contender, RebalanceEvent event) {
        long convergence = convergenceMs(contender, event);
        return TimeUnit.NANOSECONDS.toMillis(quietNanos(TimeUnit.MILLISECONDS.toNanos(convergence),
                TimeUnit.MILLISECONDS.toNanos(settings.settleMs()))) + convergence + OVERHEAD_MS;
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
