package io.roster.assignor.preview;

import io.roster.assignor.TopicPartition;

/**
 * A partition that leaves its current owner.
 *
 * @param partition the partition
 * @param from      its owner now
 * @param to        its owner after the assignment, or {@code null} when no member gets it
 *                  (nobody left subscribes to its topic)
 * @param ownerLeft whether {@code from} leaves the group, which forces the move whatever
 *                  the assignor
 */
public record PartitionMove(TopicPartition partition, String from, String to, boolean ownerLeft) {
}
