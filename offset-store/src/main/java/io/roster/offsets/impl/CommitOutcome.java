package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.CommitResult;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.Map;

/** The result of {@link OffsetCommitProcessor}: one {@link CommitResult} per partition of the request. */
public final class CommitOutcome implements IdentifiedDataSerializable {

    private Map<PartitionId, CommitResult> results;

    public CommitOutcome() {
    }

    CommitOutcome(Map<PartitionId, CommitResult> results) {
        this.results = results;
    }

    public Map<PartitionId, CommitResult> results() {
        return results;
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
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        results = WireFormat.readCommitResults(in);
    }
}
