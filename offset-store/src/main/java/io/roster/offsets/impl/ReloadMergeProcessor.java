package io.roster.offsets.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map.Entry;

/**
 * Merges the offsets of one group reloaded from the durable log into the store, never lowering what is
 * there: see {@link GroupOffsets#withReloaded}. A group the store does not have is created without members
 * (heartbeats bring them back), its retention clock starting now. Nothing is logged: the offsets come
 * from the log. Backups replay the same merge, which gives the same result on the same state.
 *
 * @see OffsetLogReplay
 */
public final class ReloadMergeProcessor
        implements EntryProcessor<String, GroupOffsets, Integer>, IdentifiedDataSerializable {

    private List<OffsetLogRecord> records;
    private long nowMs;

    public ReloadMergeProcessor() {
    }

    public ReloadMergeProcessor(List<OffsetLogRecord> records, long nowMs) {
        this.records = records;
        this.nowMs = nowMs;
    }

    /** @return how many partitions took the reloaded offset */
    @Override
    public Integer process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue() == null ? GroupOffsets.newGroup(nowMs) : entry.getValue();
        GroupOffsets merged = group.withReloaded(records);
        int taken = (int) records.stream().filter(record -> record.seq() > group.logSeq()).count();
        if (taken > 0 || merged.logSeq() != group.logSeq()) {
            entry.setValue(merged);
        }
        return taken;
    }

    @Override
    public EntryProcessor<String, GroupOffsets, Integer> getBackupProcessor() {
        return this;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.RELOAD_MERGE_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(nowMs);
        out.writeInt(records.size());
        for (OffsetLogRecord record : records) {
            out.writeString(record.group());
            WireFormat.writePartition(out, record.partition());
            out.writeLong(record.seq());
            out.writeLong(record.committed().offset());
            out.writeString(record.committed().metadata());
            out.writeLong(record.committed().commitTimeMs());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        nowMs = in.readLong();
        int size = in.readInt();
        records = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String group = in.readString();
            PartitionId partition = WireFormat.readPartition(in);
            long seq = in.readLong();
            records.add(OffsetLogRecord.offset(group, partition, seq,
                    new CommittedOffset(in.readLong(), in.readString(), in.readLong())));
        }
    }
}
