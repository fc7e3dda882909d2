package io.roster.coordinator.store;

import io.roster.assignor.TopicMetadata;
import io.roster.coordinator.group.Heartbeat;

/**
 * One event for one group, with everything the state machine needs to apply it the same
 * way wherever it runs: the time, the id for a joining member, the metadata, the timeouts.
 *
 * @param kind               what happened
 * @param heartbeat          for {@link Kind#HEARTBEAT}
 * @param memberId           for {@link Kind#LEAVE}
 * @param temporarily        for {@link Kind#LEAVE}: a static member's temporary leave
 * @param newMemberId        for a joining heartbeat
 * @param nowMs              the time of the event, read once by the caller
 * @param metadata           the topics, for rebalances
 * @param assignorName       the assignor of a group created by this event
 * @param sessionTimeoutMs   see {@link io.roster.coordinator.group.GroupTimeouts}
 * @param rebalanceTimeoutMs see {@link io.roster.coordinator.group.GroupTimeouts}
 */
public record GroupEvent(Kind kind, Heartbeat heartbeat, String memberId, boolean temporarily, String newMemberId,
                         long nowMs, TopicMetadata metadata, String assignorName, long sessionTimeoutMs,
                         long rebalanceTimeoutMs) {

    public enum Kind { HEARTBEAT, LEAVE, EXPIRE, METADATA }
}
