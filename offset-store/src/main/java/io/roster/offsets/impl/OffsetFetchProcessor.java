package io.roster.offsets.impl;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;

/**
 * Reads the committed offsets of some partitions (all when the set is empty) where the entry lives.
 *
 * <p>Why a processor rather than {@code getAsync}: only the requested partitions are serialized and sent,
 * not the whole group with its ownership table; with in-memory format OBJECT the stored value is read as
 * is. {@link ReadOnly}: Hazelcast neither locks the key nor sends anything to the backups.
 */
public final class OffsetFetchProcessor
        implements EntryProcessor<String, GroupOffsets, FetchOutcome>, ReadOnly, IdentifiedDataSerializable {

    private Set<PartitionId> partitions;

    public OffsetFetchProcessor() {
    }

    public OffsetFetchProcessor(Set<PartitionId> partitions) {
        this.partitions = partitions;
    }

    @Override
    public FetchOutcome process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue();
        return new FetchOutcome(group == null ? Map.of() : group.offsets(partitions));
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.FETCH_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        WireFormat.writePartitions(out, partitions);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        partitions = WireFormat.readPartitions(in);
    }
}
