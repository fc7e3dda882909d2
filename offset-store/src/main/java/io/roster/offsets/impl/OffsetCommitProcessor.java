package io.roster.offsets.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.CommitResult;
import io.roster.offsets.OffsetCommit;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;

/**
 * A fenced commit: checks the member's ownership and epoch and writes the accepted offsets in one step on
 * the partition thread that owns the group's entry, so no publish can come between the check and the write.
 * The rule itself is {@link GroupOffsets#judge}.
 */
public final class OffsetCommitProcessor
        implements EntryProcessor<String, GroupOffsets, CommitOutcome>, IdentifiedDataSerializable {

    private String memberId;
    private int memberEpoch;
    private Map<PartitionId, OffsetCommit> commits;
    private int metadataMaxChars;
    private long nowMs;

    public OffsetCommitProcessor() {
    }

    public OffsetCommitProcessor(String memberId, int memberEpoch, Map<PartitionId, OffsetCommit> commits,
                                 int metadataMaxChars, long nowMs) {
        this.memberId = memberId;
        this.memberEpoch = memberEpoch;
        this.commits = commits;
        this.metadataMaxChars = metadataMaxChars;
        this.nowMs = nowMs;
    }

    @Override
    public CommitOutcome process(Entry<String, GroupOffsets> entry) {
        GroupOffsets group = entry.getValue();
        if (group == null) {
            // Nothing published for the group: nobody is a member. Do not create an entry for it.
            Map<PartitionId, CommitResult> results = new HashMap<>();
            commits.keySet().forEach(partition -> results.put(partition, CommitResult.UNKNOWN_MEMBER));
            return new CommitOutcome(results);
        }
        GroupOffsets.CommitDecision decision = group.commit(memberId, memberEpoch, commits, metadataMaxChars, nowMs);
        if (decision.next() != group) {
            entry.setValue(decision.next());
        }
        return new CommitOutcome(decision.results());
    }

    /**
     * The backup replicas replay this same processor, with the same {@code nowMs}, so they reach the same
     * state; the commit is acknowledged after the synchronous backups applied it.
     */
    @Override
    public EntryProcessor<String, GroupOffsets, CommitOutcome> getBackupProcessor() {
        return this;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.COMMIT_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(memberId);
        out.writeInt(memberEpoch);
        out.writeInt(metadataMaxChars);
        out.writeLong(nowMs);
        WireFormat.writeOffsetCommits(out, commits);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        memberId = in.readString();
        memberEpoch = in.readInt();
        metadataMaxChars = in.readInt();
        nowMs = in.readLong();
        commits = WireFormat.readOffsetCommits(in);
    }
}
