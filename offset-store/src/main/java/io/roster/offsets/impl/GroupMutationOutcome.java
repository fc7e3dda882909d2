package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;

/**
 * The result of a reset, delete or expiry, and how far its change got ({@link LoggedStep}). Refusals travel
 * back as a value, not as an exception thrown inside the processor: the caller turns them into
 * {@code GroupNotEmptyException} or {@code OffsetsUnavailableException}, and nothing but our own types
 * crosses the wire.
 */
public final class GroupMutationOutcome implements IdentifiedDataSerializable, LoggedOutcome {

    /** {@code ABSENT}: no such group (for an expiry: nothing to expire). */
    public enum Kind { APPLIED, ABSENT, NOT_EMPTY }

    private Kind kind;
    private int liveMembers;
    private LoggedStep step;

    public GroupMutationOutcome() {
    }

    private GroupMutationOutcome(Kind kind, int liveMembers, LoggedStep step) {
        this.kind = kind;
        this.liveMembers = liveMembers;
        this.step = step;
    }

    /** Applied, or on its way as {@code step} says. */
    static GroupMutationOutcome applied(LoggedStep step) {
        return new GroupMutationOutcome(Kind.APPLIED, 0, step);
    }

    static GroupMutationOutcome absent() {
        return new GroupMutationOutcome(Kind.ABSENT, 0, LoggedStep.DONE);
    }

    static GroupMutationOutcome notEmpty(int liveMembers) {
        return new GroupMutationOutcome(Kind.NOT_EMPTY, liveMembers, LoggedStep.DONE);
    }

    static GroupMutationOutcome busy() {
        return new GroupMutationOutcome(Kind.APPLIED, 0, LoggedStep.BUSY);
    }

    public Kind kind() {
        return kind;
    }

    public int liveMembers() {
        return liveMembers;
    }

    @Override
    public LoggedStep step() {
        return step;
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
        step.write(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        kind = Kind.valueOf(in.readString());
        liveMembers = in.readInt();
        step = LoggedStep.read(in);
    }
}
