package io.roster.offsets.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Sets offsets of a group that has no live members, checking emptiness and writing in one step. A group the
 * store has not seen yet is created (an operator may prepare offsets before the first consumer starts).
 */
public final class OffsetResetProcessor
        implements EntryProcessor<String, GroupOffsets, GroupMutationOutcome>, IdentifiedDataSerializable {

    private Map<PartitionId, Long> offsets;
    private long nowMs;

    public OffsetResetProcessor() {
    }

    public OffsetResetProcessor(Map<PartitionId, Long> offsets, long nowMs) {
        this.offsets = offsets;
        this.nowMs = nowMs;
    }

    @Override
    public GroupMutationOutcome process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue();
        if (group == null) {
            group = GroupOffsets.newGroup(nowMs);
        }
        if (group.hasMembers()) {
            return GroupMutationOutcome.notEmpty(group.members().size());
        }
        entry.setValue(group.withResetOffsets(offsets, nowMs));
        return GroupMutationOutcome.applied();
    }

    /** Backups replay the same check and write. */
    @Override
    public EntryProcessor<String, GroupOffsets, GroupMutationOutcome> getBackupProcessor() {
        return this;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.RESET_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(nowMs);
        WireFormat.writeResetOffsets(out, offsets);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        nowMs = in.readLong();
        offsets = WireFormat.readResetOffsets(in);
    }
}
