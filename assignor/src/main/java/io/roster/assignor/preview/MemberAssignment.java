package io.roster.assignor.preview;

import io.roster.assignor.TopicPartitionSet;

/**
 * One member's share of a previewed assignment.
 *
 * @param memberId   the member
 * @param rack       its rack, or {@code null}
 * @param partitions what the assignor gives it
 */
public record MemberAssignment(String memberId, String rack, TopicPartitionSet partitions) {
}
