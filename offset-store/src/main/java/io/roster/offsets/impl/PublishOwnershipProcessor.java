package io.roster.offsets.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.MemberOwnership;

import java.io.IOException;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Replaces a group's whole ownership table if the published version is newer than the stored one.
 *
 * <p>Returns the version that was stored before (0 for a group without an entry): the publish applied
 * exactly when that is less than the published version. A stale or repeated publish changes nothing, so
 * publishes that arrive out of order from several coordinator nodes leave the newest table in place.
 * Returns {@link #BUSY}, changing nothing, while a change of the group waits for the durable log
 * ({@link PendingChange}): the caller tries again.
 */
public final class PublishOwnershipProcessor
        implements EntryProcessor<String, GroupOffsets, Long>, IdentifiedDataSerializable {

    /** What {@code process} returns while the group is busy (versions are 0 or more). */
    public static final long BUSY = -1;

    private long version;
    private Map<String, MemberOwnership> members;
    private long nowMs;
    private transient EntryProcessor<String, GroupOffsets, Long> backup;

    public PublishOwnershipProcessor() {
    }

    public PublishOwnershipProcessor(long version, Map<String, MemberOwnership> members, long nowMs) {
        this.version = version;
        this.members = members;
        this.nowMs = nowMs;
    }

    @Override
    public Long process(Entry<String, GroupOffsets> entry) {
        backup = null;
        GroupOffsets group = entry.getValue();
        if (group == null) {
            group = GroupOffsets.newGroup(nowMs);
        }
        if (group.busy(nowMs)) {
            return BUSY;
        }
        long stored = group.ownershipVersion();
        if (version > stored) {
            // An expired pending change (its member is gone) is dropped, here and on the backups.
            GroupOffsets next = group.withPending(null).withOwnership(version, members, nowMs);
            if (group.pending() != null) {
                backup = BackupApplyProcessor.of(GroupChange.replace(next));
            } else {
                backup = this;
            }
            entry.setValue(next);
        }
        return stored;
    }

    /** Backups replay the same comparison and replacement, or take the result when a pending change was dropped. */
    @Override
    public EntryProcessor<String, GroupOffsets, Long> getBackupProcessor() {
        return backup;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.PUBLISH_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(version);
        out.writeLong(nowMs);
        WireFormat.writeMembers(out, members);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        version = in.readLong();
        nowMs = in.readLong();
        members = WireFormat.readMembers(in);
    }
}
