package io.roster.bench;

/** One measured join: from the newcomer's first heartbeat to convergence, and the heartbeats sent meanwhile. */
record JoinSample(long nanos, HeartbeatCounts.Tally counts) {

    double millis() {
        return nanos / 1_000_000.0;
    }
}
