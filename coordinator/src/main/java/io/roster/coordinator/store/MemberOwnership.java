package io.roster.coordinator.store;

import io.roster.assignor.TopicPartitionSet;
import io.roster.coordinator.group.GroupMember;

/** What one member may commit: its partitions, at its epoch or the one before. */
public record MemberOwnership(String memberId, int memberEpoch, int previousMemberEpoch, TopicPartitionSet owned) {

    /** The member's ownership as the group holds it now. */
    public static MemberOwnership of(GroupMember member) {
        return new MemberOwnership(member.memberId(), member.memberEpoch(), member.previousMemberEpoch(), member.owned());
    }
}
