package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.GroupOwnership;
import io.roster.offsets.MemberOwnership;

import java.io.IOException;
import java.util.Map;

/** The result of {@link OwnershipReadProcessor}: a group's ownership table without its offsets. */
public final class OwnershipView implements IdentifiedDataSerializable {

    private long version;
    private Map<String, MemberOwnership> members;
    private long emptySinceMs;

    public OwnershipView() {
    }

    OwnershipView(GroupOwnership ownership) {
        this.version = ownership.version();
        this.members = ownership.members();
        this.emptySinceMs = ownership.emptySinceMs();
    }

    public GroupOwnership toOwnership() {
        return new GroupOwnership(version, members, emptySinceMs);
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.OWNERSHIP_VIEW;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(version);
        out.writeLong(emptySinceMs);
        WireFormat.writeMembers(out, members);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        version = in.readLong();
        emptySinceMs = in.readLong();
        members = WireFormat.readMembers(in);
    }
}
