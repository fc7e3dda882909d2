package io.roster.coordinator.group;

import io.roster.assignor.Assignor;
import io.roster.assignor.AssignorRegistry;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartitionSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The consumer group protocol as pure functions: {@code (group, event, metadata, now) ->
 * update}. No clock, no I/O, no randomness: the caller passes the time and any new member
 * id, so that the same event applied to the same state gives the same result on every
 * node (Hazelcast may run it again on a backup).
 *
 * <p>Every method validates first and throws {@link GroupProtocolException} before
 * anything changes.
 */
public final class ConsumerGroupStateMachine {

    private final AssignorRegistry assignors;
    private final GroupTimeouts timeouts;
    private final MemberReconciler reconciler;

    public ConsumerGroupStateMachine(AssignorRegistry assignors, GroupTimeouts timeouts) {
        this.assignors = assignors;
        this.timeouts = timeouts;
        this.reconciler = new MemberReconciler(timeouts.rebalanceTimeoutMs());
    }

    /**
     * @param newMemberId the id to give the member if this heartbeat is a join
     */
    public GroupUpdate heartbeat(ConsumerGroup group, Heartbeat heartbeat, TopicMetadata metadata, long now,
                                 String newMemberId) {
        GroupMutation mutation = new GroupMutation(group, reconciler);
        boolean rebalance;
        String memberId;
        if (heartbeat.isJoin()) {
            validateJoin(group, heartbeat);
            memberId = newMemberId;
            GroupMember previous = heartbeat.instanceId() == null ? null : group.memberWithInstanceId(heartbeat.instanceId());
            if (previous != null) {
                // A static member back within its session: it takes the old member's place and
                // partitions without a rebalance. The old process is gone (or a zombie that is
                // now fenced), so whatever it was releasing is released.
                GroupMember member = previous.toBuilder().memberId(newMemberId)
                        .subscribedTopics(heartbeat.subscribedTopics()).rack(heartbeat.rack())
                        .pendingRevocation(TopicPartitionSet.empty())
                        .sessionDeadlineMs(now + timeouts.sessionTimeoutMs()).leftTemporarily(false).build();
                mutation.replace(previous.memberId(), member);
                rebalance = !member.subscribedTopics().equals(previous.subscribedTopics())
                        || !Objects.equals(member.rack(), previous.rack());
            } else {
                mutation.put(GroupMember.joining(newMemberId, heartbeat.instanceId(), heartbeat.rack(),
                        heartbeat.subscribedTopics(), now + timeouts.sessionTimeoutMs()));
                rebalance = true;
            }
        } else {
            memberId = heartbeat.memberId();
            GroupMember member = existingMember(group, memberId);
            checkEpoch(member, heartbeat);
            GroupMember.Builder next = member.toBuilder()
                    .sessionDeadlineMs(now + timeouts.sessionTimeoutMs()).leftTemporarily(false);
            rebalance = false;
            if (heartbeat.subscribedTopics() != null && !heartbeat.subscribedTopics().equals(member.subscribedTopics())) {
                next.subscribedTopics(heartbeat.subscribedTopics());
                rebalance = true;
            }
            if (heartbeat.rack() != null && !heartbeat.rack().equals(member.rack())) {
                next.rack(heartbeat.rack());
                rebalance = true;
            }
            if (heartbeat.ownedPartitions() != null && !member.pendingRevocation().isEmpty()
                    && heartbeat.ownedPartitions().intersection(member.pendingRevocation()).isEmpty()) {
                // The member says it no longer owns what it had to release: they are free.
                next.pendingRevocation(TopicPartitionSet.empty());
            }
            mutation.put(next.build());
        }
        rebalance |= metadataChanged(mutation, metadata);
        if (rebalance) {
            mutation.recomputeTarget(assignor(group), metadata);
        }
        mutation.reconcile(memberId, now);
        return mutation.finish(memberId, now);
    }

    /**
     * A member leaves. A static member may leave temporarily: its partitions then wait for
     * it (no rebalance) until its session deadline.
     */
    public GroupUpdate leave(ConsumerGroup group, String memberId, boolean temporarily, TopicMetadata metadata,
                             long now) {
        GroupMember member = existingMember(group, memberId);
        GroupMutation mutation = new GroupMutation(group, reconciler);
        if (temporarily) {
            if (!member.isStatic()) {
                throw new GroupProtocolException(GroupError.INVALID_REQUEST,
                        "member " + memberId + " has no instance id: only a static member can leave temporarily");
            }
            mutation.put(member.toBuilder().leftTemporarily(true).build());
            return mutation.finish(null, now);
        }
        mutation.remove(memberId);
        mutation.recomputeTarget(assignor(group), metadata);
        return mutation.finish(null, now);
    }

    /** Removes members whose session, or whose time to release partitions, has run out. */
    public GroupUpdate expire(ConsumerGroup group, TopicMetadata metadata, long now) {
        List<String> expired = new ArrayList<>();
        for (GroupMember member : group.members().values()) {
            if (member.sessionDeadlineMs() <= now || member.revocationDeadlineMs() <= now) {
                expired.add(member.memberId());
            }
        }
        if (expired.isEmpty()) {
            return GroupUpdate.unchanged(group);
        }
        GroupMutation mutation = new GroupMutation(group, reconciler);
        expired.forEach(mutation::remove);
        mutation.recomputeTarget(assignor(group), metadata);
        return mutation.finish(null, now);
    }

    /** Rebalances when a subscribed topic appeared, disappeared or gained partitions. */
    public GroupUpdate refreshMetadata(ConsumerGroup group, TopicMetadata metadata, long now) {
        GroupMutation mutation = new GroupMutation(group, reconciler);
        if (!metadataChanged(mutation, metadata)) {
            return GroupUpdate.unchanged(group);
        }
        mutation.recomputeTarget(assignor(group), metadata);
        return mutation.finish(null, now);
    }

    /** The earliest time at which {@link #expire} would remove someone; MAX_VALUE if never. */
    public static long nextDeadline(ConsumerGroup group) {
        long next = Long.MAX_VALUE;
        for (GroupMember member : group.members().values()) {
            next = Math.min(next, Math.min(member.sessionDeadlineMs(), member.revocationDeadlineMs()));
        }
        return next;
    }

    private Assignor assignor(ConsumerGroup group) {
        return assignors.get(group.assignorName());
    }

    private static boolean metadataChanged(GroupMutation mutation, TopicMetadata metadata) {
        return !TargetAssignmentBuilder.subscribedPartitionCounts(mutation.members(), metadata)
                .equals(mutation.partitionCounts());
    }

    private static void validateJoin(ConsumerGroup group, Heartbeat heartbeat) {
        if (heartbeat.memberEpoch() != 0) {
            throw new GroupProtocolException(GroupError.INVALID_REQUEST,
                    "a join has no member id and member epoch 0, not " + heartbeat.memberEpoch());
        }
        if (heartbeat.subscribedTopics() == null) {
            throw new GroupProtocolException(GroupError.INVALID_REQUEST,
                    "a join must name its subscribed topics (group " + group.groupId() + ")");
        }
    }

    private static GroupMember existingMember(ConsumerGroup group, String memberId) {
        GroupMember member = group.member(memberId);
        if (member == null) {
            throw new GroupProtocolException(GroupError.UNKNOWN_MEMBER,
                    "member " + memberId + " is not in group " + group.groupId());
        }
        return member;
    }

    /**
     * The member's epoch, or its previous epoch when the response that bumped it was lost
     * and the member owns nothing it should not.
     */
    private static void checkEpoch(GroupMember member, Heartbeat heartbeat) {
        int epoch = heartbeat.memberEpoch();
        if (epoch == member.memberEpoch()) {
            return;
        }
        if (epoch == member.previousMemberEpoch() && heartbeat.ownedPartitions() != null
                && member.owned().containsAll(heartbeat.ownedPartitions())) {
            return;
        }
        throw new GroupProtocolException(GroupError.FENCED_MEMBER_EPOCH, "member " + member.memberId()
                + " presented epoch " + epoch + " but is at epoch " + member.memberEpoch());
    }
}
