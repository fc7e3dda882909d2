package io.roster.offsets;

import java.util.Objects;

/**
 * One entry of the durable offset log: the committed offset of one (group, topic, partition) as of one
 * change of the group, or a tombstone when the group's offsets were deleted or expired.
 *
 * <p>{@code seq} orders the changes of one group: every logged change of a group (commit, reset, delete,
 * expiry) takes a sequence number greater than the group's previous one, in the order the offset store
 * applied them. Two records of one partition are therefore ordered by {@code seq} whatever order they
 * reached the log in; see {@code docs/durability.md}.
 *
 * @param group     the group id, never empty
 * @param partition the partition the offset is for
 * @param seq       the group's sequence number at this change, positive
 * @param committed the committed offset, or {@code null} for a tombstone (the partition has no offset any more)
 */
public record OffsetLogRecord(String group, PartitionId partition, long seq, CommittedOffset committed) {

    public OffsetLogRecord {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(partition, "partition");
        if (group.isEmpty()) {
            throw new IllegalArgumentException("group id of an offset log record must not be empty");
        }
        if (seq <= 0) {
            throw new IllegalArgumentException("seq of the offset log record of group '" + group + "', " + partition
                    + " must be positive: " + seq);
        }
    }

    public static OffsetLogRecord offset(String group, PartitionId partition, long seq, CommittedOffset committed) {
        return new OffsetLogRecord(group, partition, seq, Objects.requireNonNull(committed, "committed"));
    }

    public static OffsetLogRecord tombstone(String group, PartitionId partition, long seq) {
        return new OffsetLogRecord(group, partition, seq, null);
    }

    public boolean isTombstone() {
        return committed == null;
    }

    /** What the log compacts on: one live record per (group, topic, partition). */
    public Key key() {
        return new Key(group, partition);
    }

    /** The identity of a log record: group and partition. */
    public record Key(String group, PartitionId partition) {
        public Key {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(partition, "partition");
        }
    }
}
