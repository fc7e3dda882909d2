package io.roster.coordinator.store;

import io.roster.assignor.TopicPartitionSet;

/** What one member may commit: its partitions, at its epoch or the one before. */
public record MemberOwnership(String memberId, int memberEpoch, int previousMemberEpoch, TopicPartitionSet owned) {
}
