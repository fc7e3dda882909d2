package io.roster.coordinator.group;

import io.roster.assignor.TopicPartitionSet;
import java.util.Set;

/**
 * A member's heartbeat.
 *
 * @param memberId         empty or {@code null} to join
 * @param memberEpoch      0 to join, else the epoch the member works at
 * @param instanceId       static instance id, or {@code null}
 * @param rack             the member's rack, or {@code null}
 * @param subscribedTopics required to join; {@code null} afterwards means unchanged
 * @param ownedPartitions  what the member owns now; {@code null} means not reported
 */
public record Heartbeat(String memberId, int memberEpoch, String instanceId, String rack,
                        Set<String> subscribedTopics, TopicPartitionSet ownedPartitions) {

    public boolean isJoin() {
        return memberId == null || memberId.isEmpty();
    }
}
