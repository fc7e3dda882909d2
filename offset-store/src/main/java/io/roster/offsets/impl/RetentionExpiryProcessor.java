package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;
import java.util.Map.Entry;

/**
 * Removes a group whose ownership table has been empty for at least the retention time. The condition is
 * checked where the entry lives, in the same step as the removal, so a group that regained members since
 * it was picked as a candidate ({@link RetentionCheckProcessor}) is kept. With durable offsets a tombstone
 * of each of its partitions is logged first, so that a cold start does not bring the group back; if the log
 * does not take them, the group stays until the next run.
 *
 * <p>Run on one key at a time ({@code submitToKey}): its backups apply the decision it made for its key.
 */
public final class RetentionExpiryProcessor extends GroupMutationProcessor {

    private long retentionMs;

    public RetentionExpiryProcessor() {
    }

    public RetentionExpiryProcessor(long nowMs, long retentionMs, boolean durable) {
        super(nowMs, durable);
        this.retentionMs = retentionMs;
    }

    @Override
    protected GroupMutationOutcome apply(Entry<String, GroupOffsets> entry, GroupOffsets group) {
        if (group == null || !group.expired(nowMs(), retentionMs)) {
            return GroupMutationOutcome.absent();
        }
        return removeLogged(entry, group);
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.EXPIRY_PROCESSOR;
    }

    @Override
    protected void writeFields(ObjectDataOutput out) throws IOException {
        out.writeLong(retentionMs);
    }

    @Override
    protected void readFields(ObjectDataInput in) throws IOException {
        retentionMs = in.readLong();
    }
}
