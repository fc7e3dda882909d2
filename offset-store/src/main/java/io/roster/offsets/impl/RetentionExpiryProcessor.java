package io.roster.offsets.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map.Entry;

/**
 * Removes a group whose ownership table has been empty for at least the retention time. The condition is
 * checked where the entry lives, in the same step as the removal, so a group that regained members since
 * it was picked as a candidate is kept.
 */
public final class RetentionExpiryProcessor
        implements EntryProcessor<String, GroupOffsets, Boolean>, IdentifiedDataSerializable {

    private long nowMs;
    private long retentionMs;

    public RetentionExpiryProcessor() {
    }

    public RetentionExpiryProcessor(long nowMs, long retentionMs) {
        this.nowMs = nowMs;
        this.retentionMs = retentionMs;
    }

    @Override
    public Boolean process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue();
        if (group == null || !group.expired(nowMs, retentionMs)) {
            return Boolean.FALSE;
        }
        entry.setValue(null);
        return Boolean.TRUE;
    }

    /** Backups replay the same check (with the caller's {@code nowMs}) and removal. */
    @Override
    public EntryProcessor<String, GroupOffsets, Boolean> getBackupProcessor() {
        return this;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.EXPIRY_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(nowMs);
        out.writeLong(retentionMs);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        nowMs = in.readLong();
        retentionMs = in.readLong();
    }
}
