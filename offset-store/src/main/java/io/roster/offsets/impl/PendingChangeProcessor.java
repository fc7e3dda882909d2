package io.roster.offsets.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map.Entry;

/**
 * Confirms (applies) or aborts (drops) the group's {@link PendingChange} once the member that made it knows
 * whether the durable log took its records. Runs on the partition thread where the group lives now, which
 * may be another member than where the change was made.
 *
 * <p>Returns whether the group's pending change was the one named by the token. {@code false} on confirm
 * means the change was not applied: it outlived its deadline and a later change of the group dropped it.
 */
public final class PendingChangeProcessor implements EntryProcessor<String, GroupOffsets, Boolean>, IdentifiedDataSerializable {

    private long token;
    private boolean confirm;
    private transient EntryProcessor<String, GroupOffsets, Boolean> backup;

    public PendingChangeProcessor() {
    }

    private PendingChangeProcessor(long token, boolean confirm) {
        this.token = token;
        this.confirm = confirm;
    }

    public static PendingChangeProcessor confirm(long token) {
        return new PendingChangeProcessor(token, true);
    }

    public static PendingChangeProcessor abort(long token) {
        return new PendingChangeProcessor(token, false);
    }

    @Override
    public Boolean process(Entry<String, GroupOffsets> entry) {
        backup = null;
        GroupOffsets group = entry.getValue();
        if (group == null || group.pending() == null || group.pending().token() != token) {
            return false;
        }
        GroupChange change = confirm ? GroupChange.applyPending() : GroupChange.dropPending();
        entry.setValue(change.applyTo(group));
        backup = BackupApplyProcessor.of(change);
        return true;
    }

    @Override
    public EntryProcessor<String, GroupOffsets, Boolean> getBackupProcessor() {
        return backup;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.PENDING_CHANGE_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(token);
        out.writeBoolean(confirm);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        token = in.readLong();
        confirm = in.readBoolean();
    }
}
