package io.roster.coordinator.runtime;

import io.roster.assignor.TopicMetadata;
import io.roster.coordinator.group.Heartbeat;
import io.roster.coordinator.store.GroupEvent;

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

    /** An event carrying these settings: the assignor of a group it creates, and the timeouts. */
    public GroupEvent event(GroupEvent.Kind kind, Heartbeat heartbeat, String memberId, boolean temporarily,
                            String newMemberId, long nowMs, TopicMetadata metadata) {
        return new GroupEvent(kind, heartbeat, memberId, temporarily, newMemberId, nowMs, metadata, assignorName,
                sessionTimeoutMs, rebalanceTimeoutMs);
    }

    /** An event that concerns the whole group (expiry, metadata), not one member. */
    public GroupEvent groupEvent(GroupEvent.Kind kind, long nowMs, TopicMetadata metadata) {
        return event(kind, null, null, false, null, nowMs, metadata);
    }
}
