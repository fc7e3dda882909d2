package io.roster.offsets.impl;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map.Entry;

/**
 * Tells, without changing anything, whether a group's ownership table has been empty for at least the
 * retention time: the cheap first pass of a retention run, over many keys at once ({@code submitToKeys}).
 * The groups it names are then removed one by one by {@link RetentionExpiryProcessor}, which checks again.
 */
public final class RetentionCheckProcessor
        implements EntryProcessor<String, GroupOffsets, Boolean>, ReadOnly, IdentifiedDataSerializable {

    private long nowMs;
    private long retentionMs;

    public RetentionCheckProcessor() {
    }

    public RetentionCheckProcessor(long nowMs, long retentionMs) {
        this.nowMs = nowMs;
        this.retentionMs = retentionMs;
    }

    @Override
    public Boolean process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue();
        return group != null && group.expired(nowMs, retentionMs);
    }

    @Override
    public EntryProcessor<String, GroupOffsets, Boolean> getBackupProcessor() {
        return null;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.RETENTION_CHECK_PROCESSOR;
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
