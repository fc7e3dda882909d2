package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.CommitResult;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.Map;

/**
 * The result of {@link OffsetCommitProcessor}: one {@link CommitResult} per partition of the request, and how
 * far the accepted offsets got ({@link LoggedStep}): stored, waiting for the durable log, or not stored
 * because the group was busy or the log unavailable.
 */
public final class CommitOutcome implements IdentifiedDataSerializable, LoggedOutcome {

    private Map<PartitionId, CommitResult> results;
    private LoggedStep step;

    public CommitOutcome() {
    }

    CommitOutcome(Map<PartitionId, CommitResult> results, LoggedStep step) {
        this.results = results;
        this.step = step;
    }

    CommitOutcome(Map<PartitionId, CommitResult> results) {
        this(results, LoggedStep.DONE);
    }

    public Map<PartitionId, CommitResult> results() {
        return results;
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
        return OffsetStoreSerialization.COMMIT_OUTCOME;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        WireFormat.writeCommitResults(out, results);
        step.write(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        results = WireFormat.readCommitResults(in);
        step = LoggedStep.read(in);
    }
}
