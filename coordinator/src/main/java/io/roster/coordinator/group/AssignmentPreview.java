package io.roster.coordinator.group;

import io.roster.assignor.Assignor;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a group's assignor would make of a change of membership, computed from the current
 * target exactly as a rebalance would (members in join order, each owning its target), and
 * nothing stored. Pure: no clock, no I/O.
 *
 * @param before     the current target of each member of the preview's group, in join order
 * @param after      the new target of each member, in join order, new members last
 * @param newMembers ids given to the members the preview adds
 * @param moves      every partition whose owner would change, in partition order
 */
public record AssignmentPreview(Map<String, TopicPartitionSet> before, Map<String, TopicPartitionSet> after,
                                List<String> newMembers, List<Move> moves) {

    /** A partition that would change owner; {@code from} or {@code to} is {@code null} for nobody. */
    public record Move(TopicPartition partition, String from, String to) {
    }

    /** Ids of added members: {@code preview-member-1}, ... (made unique against the group's). */
    static final String NEW_MEMBER_PREFIX = "preview-member-";

    /**
     * @param addMembers   members to add, subscribed like the first member (0 for none)
     * @param removeMember the member to remove, or {@code null}
     * @throws IllegalArgumentException if the member to remove is not in the group, or members
     *         are added to a group without members
     */
    public static AssignmentPreview of(ConsumerGroup group, Assignor assignor, TopicMetadata metadata,
                                       int addMembers, String removeMember) {
        if (removeMember != null && group.member(removeMember) == null) {
            throw new IllegalArgumentException("member " + removeMember + " is not in group " + group.groupId());
        }
        if (addMembers > 0 && group.isEmpty()) {
            throw new IllegalArgumentException("group " + group.groupId()
                    + " has no member whose subscription new members could copy");
        }
        Map<String, TopicPartitionSet> before = new LinkedHashMap<>();
        List<GroupMember> members = new ArrayList<>();
        for (GroupMember member : group.members().values()) {
            before.put(member.memberId(), group.targetOf(member.memberId()));
            if (!member.memberId().equals(removeMember)) {
                members.add(member);
            }
        }
        List<String> newMembers = new ArrayList<>();
        if (addMembers > 0) {
            GroupMember first = group.members().values().iterator().next();
            for (int i = 1; newMembers.size() < addMembers; i++) {
                String id = NEW_MEMBER_PREFIX + i;
                if (group.member(id) == null) {
                    newMembers.add(id);
                    members.add(GroupMember.joining(id, null, null, first.subscribedTopics(), 0));
                }
            }
        }
        Map<String, TopicPartitionSet> computed = members.isEmpty() ? Map.of()
                : TargetAssignmentBuilder.compute(assignor, members, group.targetAssignment(), metadata);
        Map<String, TopicPartitionSet> after = new LinkedHashMap<>();
        members.forEach(m -> after.put(m.memberId(), computed.getOrDefault(m.memberId(), TopicPartitionSet.empty())));
        return new AssignmentPreview(before, after, newMembers, moves(before, after));
    }

    /** Largest minus smallest partition count over the members after the change; 0 without members. */
    public int balance() {
        return spread(after);
    }

    /** The same over the members before the change. */
    public int balanceBefore() {
        return spread(before);
    }

    private static int spread(Map<String, TopicPartitionSet> assignment) {
        int max = assignment.values().stream().mapToInt(TopicPartitionSet::size).max().orElse(0);
        int min = assignment.values().stream().mapToInt(TopicPartitionSet::size).min().orElse(0);
        return max - min;
    }

    private static List<Move> moves(Map<String, TopicPartitionSet> before, Map<String, TopicPartitionSet> after) {
        Map<TopicPartition, String> from = owners(before);
        Map<TopicPartition, String> to = owners(after);
        TreeSet<TopicPartition> partitions = new TreeSet<>(from.keySet());
        partitions.addAll(to.keySet());
        List<Move> moves = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (!Objects.equals(from.get(tp), to.get(tp))) {
                moves.add(new Move(tp, from.get(tp), to.get(tp)));
            }
        }
        return moves;
    }

    private static Map<TopicPartition, String> owners(Map<String, TopicPartitionSet> assignment) {
        Map<TopicPartition, String> owners = new HashMap<>();
        assignment.forEach((member, partitions) -> partitions.forEach(tp -> owners.put(tp, member)));
        return owners;
    }
}
