package io.roster.offsets.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map.Entry;

/**
 * What a backup replica applies of a change its primary decided ({@link LoggedChangeProcessor},
 * {@link PendingChangeProcessor}): the decision ({@link GroupChange}), not the rule. A backup never judges
 * again and never writes to the durable log, so a change is logged once, by the replica that made it.
 */
public final class BackupApplyProcessor<R> implements EntryProcessor<String, GroupOffsets, R>, IdentifiedDataSerializable {

    private GroupChange change;

    public BackupApplyProcessor() {
    }

    private BackupApplyProcessor(GroupChange change) {
        this.change = change;
    }

    static <R> BackupApplyProcessor<R> of(GroupChange change) {
        return new BackupApplyProcessor<>(change);
    }

    @Override
    public R process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue();
        GroupOffsets next = change.applyTo(group);
        if (next != group) {
            entry.setValue(next);
        }
        return null;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.BACKUP_APPLY_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        change.write(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        change = GroupChange.read(in);
    }
}
