package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;

/**
 * The result of a reset, delete or expiry. Refusals travel back as a value, not as an exception thrown inside
 * the processor: the caller turns them into {@code GroupNotEmptyException} or
 * {@code OffsetsUnavailableException}, and nothing but our own types crosses the wire.
 */
public final class GroupMutationOutcome implements IdentifiedDataSerializable {

    /** {@code ABSENT}: no such group (for an expiry: nothing to expire); {@code UNAVAILABLE}: the durable log did not take it. */
    public enum Kind { APPLIED, ABSENT, NOT_EMPTY, UNAVAILABLE }

    private Kind kind;
    private int liveMembers;
    private String reason;

    public GroupMutationOutcome() {
    }

    private GroupMutationOutcome(Kind kind, int liveMembers, String reason) {
        this.kind = kind;
        this.liveMembers = liveMembers;
        this.reason = reason;
    }

    static GroupMutationOutcome applied() {
        return new GroupMutationOutcome(Kind.APPLIED, 0, null);
    }

    static GroupMutationOutcome absent() {
        return new GroupMutationOutcome(Kind.ABSENT, 0, null);
    }

    static GroupMutationOutcome notEmpty(int liveMembers) {
        return new GroupMutationOutcome(Kind.NOT_EMPTY, liveMembers, null);
    }

    static GroupMutationOutcome unavailable(String reason) {
        return new GroupMutationOutcome(Kind.UNAVAILABLE, 0, reason);
    }

    public Kind kind() {
        return kind;
    }

    public int liveMembers() {
        return liveMembers;
    }

    /** Why the durable log did not take the change; {@code null} unless {@link Kind#UNAVAILABLE}. */
    public String reason() {
        return reason;
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
        out.writeString(reason);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        kind = Kind.valueOf(in.readString());
        liveMembers = in.readInt();
        reason = in.readString();
    }
}
