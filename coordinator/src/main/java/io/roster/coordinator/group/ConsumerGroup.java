package io.roster.coordinator.group;

import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one consumer group. Immutable: every change makes a new value through
 * {@link ConsumerGroupStateMachine}.
 *
 * @param groupId          the group id
 * @param assignorName     the assignor that computes its target assignment
 * @param groupEpoch       bumped by every change of membership, subscriptions or metadata
 * @param members          members in join order (the order the assignor sees them in)
 * @param targetEpoch      the group epoch the target assignment was computed at
 * @param targetAssignment member id to the partitions it should end up with
 * @param partitionCounts  partition counts of the subscribed topics the target was computed
 *                         from; a difference with fresh metadata triggers a rebalance
 * @param ownershipVersion bumped whenever any member's owned partitions or epochs change;
 *                         orders the ownership tables published to the offset store
 */
public record ConsumerGroup(String groupId, String assignorName, int groupEpoch, Map<String, GroupMember> members,
                            int targetEpoch, Map<String, TopicPartitionSet> targetAssignment,
                            Map<String, Integer> partitionCounts, long ownershipVersion) {

    public ConsumerGroup {
        if (groupId == null || groupId.isEmpty()) {
            throw new IllegalArgumentException("group id must not be empty");
        }
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        targetAssignment = Map.copyOf(targetAssignment);
        partitionCounts = Map.copyOf(partitionCounts);
    }

    public static ConsumerGroup empty(String groupId, String assignorName) {
        return new ConsumerGroup(groupId, assignorName, 0, Map.of(), 0, Map.of(), Map.of(), 0);
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public GroupMember member(String memberId) {
        return members.get(memberId);
    }

    /** The member with this static instance id, or {@code null}. */
    public GroupMember memberWithInstanceId(String instanceId) {
        for (GroupMember member : members.values()) {
            if (instanceId.equals(member.instanceId())) {
                return member;
            }
        }
        return null;
    }

    public TopicPartitionSet targetOf(String memberId) {
        return targetAssignment.getOrDefault(memberId, TopicPartitionSet.empty());
    }

    /** Which member holds each partition now (assigned or pending revocation). */
    public Map<TopicPartition, String> owners() {
        Map<TopicPartition, String> owners = new HashMap<>();
        for (GroupMember member : members.values()) {
            member.assigned().forEach(tp -> owners.put(tp, member.memberId()));
            member.pendingRevocation().forEach(tp -> owners.put(tp, member.memberId()));
        }
        return owners;
    }
}
