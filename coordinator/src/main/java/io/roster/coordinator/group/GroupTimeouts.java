package io.roster.coordinator.group;

/**
 * @param sessionTimeoutMs   a member that does not heartbeat for this long is removed
 * @param rebalanceTimeoutMs a member that does not release revoked partitions for this long
 *                           is removed
 */
public record GroupTimeouts(long sessionTimeoutMs, long rebalanceTimeoutMs) {

    public GroupTimeouts {
        if (sessionTimeoutMs <= 0 || rebalanceTimeoutMs <= 0) {
            throw new IllegalArgumentException("timeouts must be positive: session " + sessionTimeoutMs
                    + " ms, rebalance " + rebalanceTimeoutMs + " ms");
        }
    }
}
