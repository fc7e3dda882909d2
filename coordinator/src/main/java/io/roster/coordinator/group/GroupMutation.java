package io.roster.coordinator.group;

import io.roster.assignor.Assignor;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A working copy of a group for the duration of one event: the state machine changes it
 * step by step, then {@link #finish} compares it with the group it started from to tell
 * whom to notify and whether ownership changed.
 */
final class GroupMutation {

    private final ConsumerGroup before;
    private final MemberReconciler reconciler;
    private LinkedHashMap<String, GroupMember> members;
    private final Map<String, TopicPartitionSet> target;
    private final List<String> removed = new ArrayList<>();
    private int groupEpoch;
    private int targetEpoch;
    private Map<String, Integer> partitionCounts;

    GroupMutation(ConsumerGroup before, MemberReconciler reconciler) {
        this.before = before;
        this.reconciler = reconciler;
        this.members = new LinkedHashMap<>(before.members());
        this.target = new HashMap<>(before.targetAssignment());
        this.groupEpoch = before.groupEpoch();
        this.targetEpoch = before.targetEpoch();
        this.partitionCounts = before.partitionCounts();
    }

    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    Iterable<GroupMember> members() {
        return members.values();
    }

    Map<String, Integer> partitionCounts() {
        return partitionCounts;
    }

    void put(GroupMember member) {
        members.put(member.memberId(), member);
    }

    /** Puts {@code member} in the place of {@code oldId}: same join position, same target. */
    void replace(String oldId, GroupMember member) {
        LinkedHashMap<String, GroupMember> replaced = new LinkedHashMap<>();
        members.forEach((id, m) -> replaced.put(id.equals(oldId) ? member.memberId() : id,
                id.equals(oldId) ? member : m));
        members = replaced;
        TopicPartitionSet previous = target.remove(oldId);
        if (previous != null) {
            target.put(member.memberId(), previous);
        }
        removed.add(oldId);
    }

    void remove(String memberId) {
        members.remove(memberId);
        target.remove(memberId);
        removed.add(memberId);
    }

    /** Bumps the group epoch and computes a new target assignment at it. */
    void recomputeTarget(Assignor assignor, TopicMetadata metadata) {
        groupEpoch++;
        targetEpoch = groupEpoch;
        partitionCounts = TargetAssignmentBuilder.subscribedPartitionCounts(members.values(), metadata);
        Map<String, TopicPartitionSet> computed =
                TargetAssignmentBuilder.compute(assignor, members.values(), target, metadata);
        target.clear();
        target.putAll(computed);
    }

    /**
     * Reconciles one member against the target. Only the member an event comes from is
     * reconciled: its epoch then moves only in an answer it receives, so it never falls
     * more than one epoch behind (the one a lost answer can cost).
     */
    void reconcile(String memberId, long now) {
        GroupMember member = members.get(memberId);
        GroupMember next = reconciler.reconcile(member, targetOf(memberId), targetEpoch, owners(), now);
        members.put(memberId, next);
    }

    private TopicPartitionSet targetOf(String memberId) {
        return target.getOrDefault(memberId, TopicPartitionSet.empty());
    }

    private Map<TopicPartition, String> owners() {
        Map<TopicPartition, String> owners = new HashMap<>();
        for (GroupMember member : members.values()) {
            member.owned().forEach(tp -> owners.put(tp, member.memberId()));
        }
        return owners;
    }

    /**
     * @param respondTo the member that sent the event, answered directly rather than
     *                  notified; {@code null} when nobody is to be answered
     */
    GroupUpdate finish(String respondTo, long now) {
        boolean ownershipChanged = !removed.isEmpty() || members.size() != before.members().size();
        for (GroupMember member : members.values()) {
            GroupMember old = before.member(member.memberId());
            ownershipChanged |= old == null || !sameOwnership(old, member);
        }
        boolean changed = ownershipChanged || groupEpoch != before.groupEpoch()
                || !members.equals(before.members()) || !target.equals(before.targetAssignment());
        ConsumerGroup after = !changed ? before : new ConsumerGroup(before.groupId(), before.assignorName(), groupEpoch,
                members, targetEpoch, target, partitionCounts,
                before.ownershipVersion() + (ownershipChanged ? 1 : 0));
        MemberView response = respondTo == null ? null : MemberView.of(members.get(respondTo), after);
        return new GroupUpdate(after, response, membersToNotify(respondTo, now), removed, ownershipChanged);
    }

    /**
     * The other members that have something to do now: release partitions, or take ones
     * that just became free. They are told to heartbeat at once, which reconciles them.
     */
    private Set<String> membersToNotify(String respondTo, long now) {
        Set<String> notify = new HashSet<>();
        Map<TopicPartition, String> owners = owners();
        for (GroupMember member : members.values()) {
            if (member.memberId().equals(respondTo)) {
                continue;
            }
            GroupMember next = reconciler.reconcile(member, targetOf(member.memberId()), targetEpoch, owners, now);
            if (!next.assigned().equals(member.assigned()) || !next.pendingRevocation().equals(member.pendingRevocation())) {
                notify.add(member.memberId());
            }
        }
        return notify;
    }

    private static boolean sameOwnership(GroupMember a, GroupMember b) {
        return a.memberEpoch() == b.memberEpoch() && a.previousMemberEpoch() == b.previousMemberEpoch()
                && Objects.equals(a.owned(), b.owned());
    }
}
