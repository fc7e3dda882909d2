package io.roster.offsets.impl;

import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reduces a replay of the durable offset log to what a cold start reloads: per (group, topic, partition)
 * the record with the highest {@code seq}, or nothing if that record is a tombstone.
 *
 * <p>Why the highest seq and not simply the last record: two members may have written records of one
 * group around a migration of its Hazelcast partition (asynchronous mode, or a synchronous write that
 * outlived its member's ownership), and those can reach the log in the other order. Sequence numbers
 * follow the order the store applied the changes. Of two records with the same seq (a write that failed
 * and the group's next change, after the member that wrote it died), the later in the log wins.
 *
 * <p>Records must be given in log order per group (the log keeps one group's records in one partition).
 */
public final class OffsetLogReplay {

    private final Map<OffsetLogRecord.Key, OffsetLogRecord> latest = new HashMap<>();
    private long records;

    public void accept(OffsetLogRecord record) {
        latest.merge(record.key(), record, (kept, next) -> next.seq() >= kept.seq() ? next : kept);
        records++;
    }

    /** Records seen so far. */
    public long records() {
        return records;
    }

    /** Per group, the offset of each partition that has one after the replay, as its winning record. */
    public Map<String, Map<PartitionId, OffsetLogRecord>> groups() {
        Map<String, Map<PartitionId, OffsetLogRecord>> groups = new TreeMap<>();
        for (OffsetLogRecord record : latest.values()) {
            if (!record.isTombstone()) {
                groups.computeIfAbsent(record.group(), g -> new TreeMap<>()).put(record.partition(), record);
            }
        }
        return groups;
    }
}
