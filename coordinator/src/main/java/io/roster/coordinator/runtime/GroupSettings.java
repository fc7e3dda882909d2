package io.roster.coordinator.runtime;

/**
 * The group settings a node applies to every group it serves.
 *
 * @param sessionTimeoutMs    a member that does not heartbeat for this long is removed
 * @param rebalanceTimeoutMs  a member that does not release revoked partitions for this long is removed
 * @param heartbeatIntervalMs how often members are told to heartbeat
 * @param assignorName        the assignor of groups this node creates
 */
public record GroupSettings(long sessionTimeoutMs, long rebalanceTimeoutMs, long heartbeatIntervalMs,
                            String assignorName) {
}
