package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;

/**
 * The result of a reset or delete. Refusals travel back as a value, not as an exception thrown inside the
 * processor: the caller turns them into {@code GroupNotEmptyException}, and nothing but our own types
 * crosses the wire.
 */
public final class GroupMutationOutcome implements IdentifiedDataSerializable {

    public enum Kind { APPLIED, ABSENT, NOT_EMPTY }

    private Kind kind;
    private int liveMembers;

    public GroupMutationOutcome() {
    }

    private GroupMutationOutcome(Kind kind, int liveMembers) {
        this.kind = kind;
        this.liveMembers = liveMembers;
    }

    static GroupMutationOutcome applied() {
        return new GroupMutationOutcome(Kind.APPLIED, 0);
    }

    static GroupMutationOutcome absent() {
        return new GroupMutationOutcome(Kind.ABSENT, 0);
    }

    static GroupMutationOutcome notEmpty(int liveMembers) {
        return new GroupMutationOutcome(Kind.NOT_EMPTY, liveMembers);
    }

    public Kind kind() {
        return kind;
    }

    public int liveMembers() {
        return liveMembers;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.MUTATION_OUTCOME;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(kind.name());
        out.writeInt(liveMembers);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        kind = Kind.valueOf(in.readString());
        liveMembers = in.readInt();
    }
}
