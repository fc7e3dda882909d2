package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.roster.offsets.CommitResult;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.MemberOwnership;
import io.roster.offsets.OffsetCommit;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field-by-field encoding of the value records inside the {@code IdentifiedDataSerializable} containers.
 *
 * <p>The records themselves are not serializable (their fields are final, and {@code readData} needs a
 * mutable instance): every object that Hazelcast stores or sends is one of the containers in this package,
 * and the containers write their records through these methods. Enums travel by name, so reordering
 * constants never changes their meaning on the wire.
 */
final class WireFormat {

    private WireFormat() {
    }

    static void writePartition(ObjectDataOutput out, PartitionId partition) throws IOException {
        out.writeString(partition.topic());
        out.writeInt(partition.partition());
    }

    static PartitionId readPartition(ObjectDataInput in) throws IOException {
        return new PartitionId(in.readString(), in.readInt());
    }

    static void writePartitions(ObjectDataOutput out, Set<PartitionId> partitions) throws IOException {
        out.writeInt(partitions.size());
        for (PartitionId partition : partitions) {
            writePartition(out, partition);
        }
    }

    static Set<PartitionId> readPartitions(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        Set<PartitionId> partitions = new HashSet<>(capacity(size));
        for (int i = 0; i < size; i++) {
            partitions.add(readPartition(in));
        }
        return partitions;
    }

    static void writeCommittedOffsets(ObjectDataOutput out, Map<PartitionId, CommittedOffset> offsets)
            throws IOException {
        out.writeInt(offsets.size());
        for (Map.Entry<PartitionId, CommittedOffset> e : offsets.entrySet()) {
            writePartition(out, e.getKey());
            out.writeLong(e.getValue().offset());
            out.writeString(e.getValue().metadata());
            out.writeLong(e.getValue().commitTimeMs());
        }
    }

    static Map<PartitionId, CommittedOffset> readCommittedOffsets(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        Map<PartitionId, CommittedOffset> offsets = new HashMap<>(capacity(size));
        for (int i = 0; i < size; i++) {
            PartitionId partition = readPartition(in);
            offsets.put(partition, new CommittedOffset(in.readLong(), in.readString(), in.readLong()));
        }
        return offsets;
    }

    /** Records of the durable log, in order; tombstones included. */
    static void writeLogRecords(ObjectDataOutput out, List<OffsetLogRecord> records) throws IOException {
        out.writeInt(records.size());
        for (OffsetLogRecord record : records) {
            out.writeString(record.group());
            writePartition(out, record.partition());
            out.writeLong(record.seq());
            CommittedOffset committed = record.committed();
            out.writeBoolean(committed != null);
            if (committed != null) {
                out.writeLong(committed.offset());
                out.writeString(committed.metadata());
                out.writeLong(committed.commitTimeMs());
            }
        }
    }

    static List<OffsetLogRecord> readLogRecords(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        List<OffsetLogRecord> records = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String group = in.readString();
            PartitionId partition = readPartition(in);
            long seq = in.readLong();
            records.add(in.readBoolean()
                    ? OffsetLogRecord.offset(group, partition, seq, new CommittedOffset(in.readLong(), in.readString(), in.readLong()))
                    : OffsetLogRecord.tombstone(group, partition, seq));
        }
        return records;
    }

    static void writeOffsetCommits(ObjectDataOutput out, Map<PartitionId, OffsetCommit> commits) throws IOException {
        out.writeInt(commits.size());
        for (Map.Entry<PartitionId, OffsetCommit> e : commits.entrySet()) {
            writePartition(out, e.getKey());
            out.writeLong(e.getValue().offset());
            out.writeString(e.getValue().metadata());
        }
    }

    static Map<PartitionId, OffsetCommit> readOffsetCommits(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        Map<PartitionId, OffsetCommit> commits = new HashMap<>(capacity(size));
        for (int i = 0; i < size; i++) {
            PartitionId partition = readPartition(in);
            commits.put(partition, new OffsetCommit(in.readLong(), in.readString()));
        }
        return commits;
    }

    static void writeResetOffsets(ObjectDataOutput out, Map<PartitionId, Long> offsets) throws IOException {
        out.writeInt(offsets.size());
        for (Map.Entry<PartitionId, Long> e : offsets.entrySet()) {
            writePartition(out, e.getKey());
            out.writeLong(e.getValue());
        }
    }

    static Map<PartitionId, Long> readResetOffsets(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        Map<PartitionId, Long> offsets = new HashMap<>(capacity(size));
        for (int i = 0; i < size; i++) {
            PartitionId partition = readPartition(in);
            offsets.put(partition, in.readLong());
        }
        return offsets;
    }

    static void writeMembers(ObjectDataOutput out, Map<String, MemberOwnership> members) throws IOException {
        out.writeInt(members.size());
        for (Map.Entry<String, MemberOwnership> e : members.entrySet()) {
            out.writeString(e.getKey());
            out.writeInt(e.getValue().memberEpoch());
            out.writeInt(e.getValue().previousMemberEpoch());
            writePartitions(out, e.getValue().partitions());
        }
    }

    static Map<String, MemberOwnership> readMembers(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        Map<String, MemberOwnership> members = new HashMap<>(capacity(size));
        for (int i = 0; i < size; i++) {
            String memberId = in.readString();
            int epoch = in.readInt();
            int previousEpoch = in.readInt();
            members.put(memberId, new MemberOwnership(epoch, previousEpoch, readPartitions(in)));
        }
        return members;
    }

    static void writeCommitResults(ObjectDataOutput out, Map<PartitionId, CommitResult> results) throws IOException {
        out.writeInt(results.size());
        for (Map.Entry<PartitionId, CommitResult> e : results.entrySet()) {
            writePartition(out, e.getKey());
            out.writeString(e.getValue().name());
        }
    }

    static Map<PartitionId, CommitResult> readCommitResults(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        Map<PartitionId, CommitResult> results = new HashMap<>(capacity(size));
        for (int i = 0; i < size; i++) {
            PartitionId partition = readPartition(in);
            results.put(partition, CommitResult.valueOf(in.readString()));
        }
        return results;
    }

    /** A HashMap/HashSet capacity that holds {@code size} elements without rehashing. */
    private static int capacity(int size) {
        return size < 3 ? 4 : (int) (size / 0.75f) + 1;
    }
}
