package io.roster.coordinator.group;

import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;
import java.util.Map;

/**
 * One pure reconciliation step: {@code (member, its target, who owns what) -> member'}.
 * It runs for the member an event comes from (its heartbeat), and as a dry run for the
 * others, to tell which of them should heartbeat at once.
 *
 * <p>The rule that keeps two members from ever owning one partition: a member first
 * releases what its target no longer has (keeping its epoch while it does), and only then
 * moves to the target epoch and takes the partitions of its target that nobody else holds.
 * Partitions that stay with the member are never revoked.
 */
final class MemberReconciler {

    private final long rebalanceTimeoutMs;

    MemberReconciler(long rebalanceTimeoutMs) {
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
    }

    /**
     * @param owners every partition held by some member (assigned or pending revocation) to
     *               that member's id; entries of {@code member} itself are allowed
     */
    GroupMember reconcile(GroupMember member, TopicPartitionSet target, int targetEpoch,
                          Map<TopicPartition, String> owners, long now) {
        // A partition the member was releasing that the target gives back stays: releasing
        // it only to take it again would stop it for nothing.
        TopicPartitionSet reclaimed = member.pendingRevocation().intersection(target);
        TopicPartitionSet assigned = member.assigned().union(reclaimed);
        TopicPartitionSet pending = member.pendingRevocation().minus(reclaimed);
        TopicPartitionSet toRevoke = assigned.minus(target);

        if (!toRevoke.isEmpty() || !pending.isEmpty()) {
            long deadline = member.state() == MemberState.UNREVOKED_PARTITIONS
                    ? member.revocationDeadlineMs() : now + rebalanceTimeoutMs;
            return member.toBuilder()
                    .assigned(assigned.minus(toRevoke))
                    .pendingRevocation(pending.union(toRevoke))
                    .state(MemberState.UNREVOKED_PARTITIONS)
                    .revocationDeadlineMs(deadline)
                    .build();
        }

        TopicPartitionSet.Builder free = TopicPartitionSet.builder();
        for (TopicPartition tp : target) {
            String owner = owners.get(tp);
            if (owner == null || owner.equals(member.memberId())) {
                free.add(tp);
            }
        }
        TopicPartitionSet nowAssigned = free.build();
        return member.toBuilder()
                .bumpEpoch(targetEpoch)
                .assigned(nowAssigned)
                .pendingRevocation(TopicPartitionSet.empty())
                .state(nowAssigned.size() == target.size() ? MemberState.STABLE : MemberState.UNRELEASED_PARTITIONS)
                .revocationDeadlineMs(Long.MAX_VALUE)
                .build();
    }
}
