package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.Map;

/** The result of {@link OffsetFetchProcessor}: the requested partitions that have a committed offset. */
public final class FetchOutcome implements IdentifiedDataSerializable {

    private Map<PartitionId, CommittedOffset> offsets;

    public FetchOutcome() {
    }

    FetchOutcome(Map<PartitionId, CommittedOffset> offsets) {
        this.offsets = offsets;
    }

    public Map<PartitionId, CommittedOffset> offsets() {
        return offsets;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.FETCH_OUTCOME;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        WireFormat.writeCommittedOffsets(out, offsets);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        offsets = WireFormat.readCommittedOffsets(in);
    }
}
