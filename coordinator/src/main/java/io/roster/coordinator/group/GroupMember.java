package io.roster.coordinator.group;

import io.roster.assignor.TopicPartitionSet;
import java.util.Set;

/**
 * One member of a consumer group, as the coordinator knows it. Immutable; changed through
 * {@link #toBuilder()}.
 *
 * @param memberId            assigned by the coordinator on join
 * @param instanceId          static instance id, or {@code null}
 * @param rack                the member's rack, or {@code null}
 * @param subscribedTopics    topic names
 * @param memberEpoch         the epoch the member works at; it commits with it
 * @param previousMemberEpoch the epoch before the last bump (a heartbeat whose response was
 *                            lost may still present it)
 * @param state               reconciliation state
 * @param assigned            partitions the member may process now
 * @param pendingRevocation   partitions it still owns but must release
 * @param sessionDeadlineMs   when the member is removed unless it heartbeats
 * @param revocationDeadlineMs when a member that has not released its partitions is removed;
 *                            {@code Long.MAX_VALUE} when it has nothing to release
 * @param leftTemporarily     a static member that left to come back: its partitions wait for
 *                            it until its session deadline
 */
public record GroupMember(String memberId, String instanceId, String rack, Set<String> subscribedTopics,
                          int memberEpoch, int previousMemberEpoch, MemberState state,
                          TopicPartitionSet assigned, TopicPartitionSet pendingRevocation,
                          long sessionDeadlineMs, long revocationDeadlineMs, boolean leftTemporarily) {

    public GroupMember {
        if (memberId == null || memberId.isEmpty()) {
            throw new IllegalArgumentException("member id must not be empty");
        }
        subscribedTopics = Set.copyOf(subscribedTopics);
        if (state == null || assigned == null || pendingRevocation == null) {
            throw new IllegalArgumentException("member " + memberId + ": state and partitions must not be null");
        }
    }

    /** A member that has just joined: epoch 0, nothing assigned yet. */
    static GroupMember joining(String memberId, String instanceId, String rack, Set<String> topics,
                               long sessionDeadlineMs) {
        return new GroupMember(memberId, instanceId, rack, topics, 0, 0, MemberState.STABLE,
                TopicPartitionSet.empty(), TopicPartitionSet.empty(), sessionDeadlineMs, Long.MAX_VALUE, false);
    }

    public boolean isStatic() {
        return instanceId != null;
    }

    /** Everything the member may still hold: its assigned and its pending-revocation partitions. */
    public TopicPartitionSet owned() {
        return assigned.union(pendingRevocation);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copying builder: starts from a member, changes some fields, builds a new one. */
    public static final class Builder {
        private String memberId;
        private String instanceId;
        private String rack;
        private Set<String> subscribedTopics;
        private int memberEpoch;
        private int previousMemberEpoch;
        private MemberState state;
        private TopicPartitionSet assigned;
        private TopicPartitionSet pendingRevocation;
        private long sessionDeadlineMs;
        private long revocationDeadlineMs;
        private boolean leftTemporarily;

        private Builder(GroupMember m) {
            memberId = m.memberId;
            instanceId = m.instanceId;
            rack = m.rack;
            subscribedTopics = m.subscribedTopics;
            memberEpoch = m.memberEpoch;
            previousMemberEpoch = m.previousMemberEpoch;
            state = m.state;
            assigned = m.assigned;
            pendingRevocation = m.pendingRevocation;
            sessionDeadlineMs = m.sessionDeadlineMs;
            revocationDeadlineMs = m.revocationDeadlineMs;
            leftTemporarily = m.leftTemporarily;
        }

        public Builder memberId(String value) {
            memberId = value;
            return this;
        }

        public Builder rack(String value) {
            rack = value;
            return this;
        }

        public Builder subscribedTopics(Set<String> value) {
            subscribedTopics = value;
            return this;
        }

        /** Moves to {@code epoch}, remembering the current one as the previous epoch. */
        public Builder bumpEpoch(int epoch) {
            if (epoch != memberEpoch) {
                previousMemberEpoch = memberEpoch;
                memberEpoch = epoch;
            }
            return this;
        }

        public Builder state(MemberState value) {
            state = value;
            return this;
        }

        public Builder assigned(TopicPartitionSet value) {
            assigned = value;
            return this;
        }

        public Builder pendingRevocation(TopicPartitionSet value) {
            pendingRevocation = value;
            return this;
        }

        public Builder sessionDeadlineMs(long value) {
            sessionDeadlineMs = value;
            return this;
        }

        public Builder revocationDeadlineMs(long value) {
            revocationDeadlineMs = value;
            return this;
        }

        public Builder leftTemporarily(boolean value) {
            leftTemporarily = value;
            return this;
        }

        public GroupMember build() {
            return new GroupMember(memberId, instanceId, rack, subscribedTopics, memberEpoch, previousMemberEpoch,
                    state, assigned, pendingRevocation, sessionDeadlineMs, revocationDeadlineMs, leftTemporarily);
        }
    }
}
