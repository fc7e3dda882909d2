package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.CommitResult;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.Map;

/**
 * The result of {@link OffsetCommitProcessor}: one {@link CommitResult} per partition of the request, or why
 * the durable log did not take the commit (then nothing was stored).
 */
public final class CommitOutcome implements IdentifiedDataSerializable {

    private Map<PartitionId, CommitResult> results;
    private String unavailable;

    public CommitOutcome() {
    }

    CommitOutcome(Map<PartitionId, CommitResult> results) {
        this.results = results;
    }

    static CommitOutcome unavailable(String reason) {
        CommitOutcome outcome = new CommitOutcome(Map.of());
        outcome.unavailable = reason;
        return outcome;
    }

    public Map<PartitionId, CommitResult> results() {
        return results;
    }

    /** Why the commit could not be made durable; {@code null} when it was judged (see {@link #results()}). */
    public String unavailable() {
        return unavailable;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.COMMIT_OUTCOME;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        WireFormat.writeCommitResults(out, results);
        out.writeString(unavailable);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        results = WireFormat.readCommitResults(in);
        unavailable = in.readString();
    }
}
