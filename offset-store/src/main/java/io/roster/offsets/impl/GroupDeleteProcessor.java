package io.roster.offsets.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.util.Map.Entry;

/** Removes a group that has no live members, checking emptiness and removing in one step. */
public final class GroupDeleteProcessor
        implements EntryProcessor<String, GroupOffsets, GroupMutationOutcome>, IdentifiedDataSerializable {

    @Override
    public GroupMutationOutcome process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue();
        if (group == null) {
            return GroupMutationOutcome.absent();
        }
        if (group.hasMembers()) {
            return GroupMutationOutcome.notEmpty(group.members().size());
        }
        entry.setValue(null);
        return GroupMutationOutcome.applied();
    }

    /** Backups replay the same check and removal. */
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
        return OffsetStoreSerialization.DELETE_PROCESSOR;
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
