package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Sets offsets of a group that has no live members, checking emptiness and writing in one step. A group the
 * store has not seen yet is created (an operator may prepare offsets before the first consumer starts).
 * With durable offsets the new offsets are logged first ({@link LoggedChangeProcessor}): a reset may move an
 * offset back, and a cold start must find it moved.
 */
public final class OffsetResetProcessor extends GroupMutationProcessor {

    private Map<PartitionId, Long> offsets;

    public OffsetResetProcessor() {
    }

    public OffsetResetProcessor(Map<PartitionId, Long> offsets, long nowMs, boolean durable) {
        super(nowMs, durable);
        this.offsets = offsets;
    }

    @Override
    protected GroupMutationOutcome apply(Entry<String, GroupOffsets> entry, GroupOffsets stored) {
        GroupOffsets group = stored == null ? GroupOffsets.newGroup(nowMs()) : stored;
        if (group.hasMembers()) {
            return GroupMutationOutcome.notEmpty(group.members().size());
        }
        GroupOffsets reset = group.withResetOffsets(offsets, nowMs());
        return GroupMutationOutcome.applied(logChange(entry, stored, seq -> records(entry.getKey(), reset, seq),
                seq -> GroupChange.replace(reset.withLogSeq(seq))));
    }

    private List<OffsetLogRecord> records(String groupId, GroupOffsets reset, long seq) {
        return offsets.keySet().stream().sorted()
                .map(partition -> OffsetLogRecord.offset(groupId, partition, seq, reset.offsets().get(partition))).toList();
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.RESET_PROCESSOR;
    }

    @Override
    protected void writeFields(ObjectDataOutput out) throws IOException {
        WireFormat.writeResetOffsets(out, offsets);
    }

    @Override
    protected void readFields(ObjectDataInput in) throws IOException {
        offsets = WireFormat.readResetOffsets(in);
    }
}
