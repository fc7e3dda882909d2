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
 */
public final class PublishOwnershipProcessor
        implements EntryProcessor<String, GroupOffsets, Long>, IdentifiedDataSerializable {

    private long version;
    private Map<String, MemberOwnership> members;
    private long nowMs;

    public PublishOwnershipProcessor() {
    }

    public PublishOwnershipProcessor(long version, Map<String, MemberOwnership> members, long nowMs) {
        this.version = version;
        this.members = members;
        this.nowMs = nowMs;
    }

    @Override
    public Long process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue();
        if (group == null) {
            group = GroupOffsets.newGroup(nowMs);
        }
        long stored = group.ownershipVersion();
        if (version > stored) {
            entry.setValue(group.withOwnership(version, members, nowMs));
        }
        return stored;
    }

    /** Backups replay the same comparison and replacement. */
    @Override
    public EntryProcessor<String, GroupOffsets, Long> getBackupProcessor() {
        return this;
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
