package io.roster.coordinator.group;

import io.roster.assignor.TopicPartitionSet;

/**
 * What a member is told: its id and epoch, the partitions it may process, those it must
 * release, and those it will get once others have released them.
 */
public record MemberView(String memberId, int memberEpoch, MemberState state, TopicPartitionSet assigned,
                         TopicPartitionSet pendingRevocation, TopicPartitionSet awaiting) {

    static MemberView of(GroupMember member, ConsumerGroup group) {
        return new MemberView(member.memberId(), member.memberEpoch(), member.state(), member.assigned(),
                member.pendingRevocation(), group.targetOf(member.memberId()).minus(member.assigned()));
    }
}
