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

    /** Reconciles every member, in join order, against the target. */
    void reconcileAll(long now) {
        Map<TopicPartition, String> owners = owners();
        for (GroupMember member : new ArrayList<>(members.values())) {
            reconcile(member, owners, now);
        }
    }

    void reconcile(String memberId, long now) {
        reconcile(members.get(memberId), owners(), now);
    }

    private void reconcile(GroupMember member, Map<TopicPartition, String> owners, long now) {
        GroupMember next = reconciler.reconcile(member, target.getOrDefault(member.memberId(), TopicPartitionSet.empty()),
                targetEpoch, owners, now);
        if (!next.equals(member)) {
            member.owned().forEach(owners::remove);
            next.owned().forEach(tp -> owners.put(tp, next.memberId()));
            members.put(next.memberId(), next);
        }
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
    GroupUpdate finish(String respondTo) {
        boolean ownershipChanged = !removed.isEmpty() || members.size() != before.members().size();
        Set<String> notify = new HashSet<>();
        for (GroupMember member : members.values()) {
            GroupMember old = before.member(member.memberId());
            if (old == null) {
                ownershipChanged = true;
                continue;
            }
            if (!sameView(old, member) && !member.memberId().equals(respondTo)) {
                notify.add(member.memberId());
            }
            ownershipChanged |= !sameOwnership(old, member);
        }
        boolean changed = ownershipChanged || groupEpoch != before.groupEpoch()
                || !members.equals(before.members()) || !target.equals(before.targetAssignment());
        ConsumerGroup after = !changed ? before : new ConsumerGroup(before.groupId(), before.assignorName(), groupEpoch,
                members, targetEpoch, target, partitionCounts,
                before.ownershipVersion() + (ownershipChanged ? 1 : 0));
        MemberView response = respondTo == null ? null : MemberView.of(members.get(respondTo), after);
        return new GroupUpdate(after, response, notify, removed, ownershipChanged);
    }

    private static boolean sameView(GroupMember a, GroupMember b) {
        return a.memberEpoch() == b.memberEpoch() && a.state() == b.state()
                && a.assigned().equals(b.assigned()) && a.pendingRevocation().equals(b.pendingRevocation());
    }

    private static boolean sameOwnership(GroupMember a, GroupMember b) {
        return a.memberEpoch() == b.memberEpoch() && a.previousMemberEpoch() == b.previousMemberEpoch()
                && Objects.equals(a.owned(), b.owned());
    }
}
