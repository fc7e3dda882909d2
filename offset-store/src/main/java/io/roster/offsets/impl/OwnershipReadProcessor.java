package io.roster.offsets.impl;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.util.Map.Entry;

/** Reads a group's ownership table without its offsets; {@code null} when the store has no entry for it. */
public final class OwnershipReadProcessor
        implements EntryProcessor<String, GroupOffsets, OwnershipView>, ReadOnly, IdentifiedDataSerializable {

    @Override
    public OwnershipView process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue();
        return group == null ? null : new OwnershipView(group.ownership());
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.OWNERSHIP_READ_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // no fields
    }

    @Override
    public void readData(ObjectDataInput in) {
        // no fields
    }
}
