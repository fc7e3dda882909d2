package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.roster.offsets.CommitResult;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.OffsetCommit;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * A fenced commit: checks the member's ownership and epoch and writes the accepted offsets in one step where
 * the group's entry lives, so no publish can come between the check and the write. The rule itself is
 * {@link GroupOffsets#judge}.
 *
 * <p>With durable offsets the accepted offsets are also written to the durable log
 * ({@link LoggedChangeProcessor}: with {@code sync}, before they are stored).
 */
public final class OffsetCommitProcessor extends LoggedChangeProcessor<CommitOutcome> {

    private String memberId;
    private int memberEpoch;
    private Map<PartitionId, OffsetCommit> commits;
    private int metadataMaxChars;

    public OffsetCommitProcessor() {
    }

    public OffsetCommitProcessor(String memberId, int memberEpoch, Map<PartitionId, OffsetCommit> commits,
                                 int metadataMaxChars, long nowMs, boolean durable) {
        super(nowMs, durable);
        this.memberId = memberId;
        this.memberEpoch = memberEpoch;
        this.commits = commits;
        this.metadataMaxChars = metadataMaxChars;
    }

    @Override
    protected CommitOutcome apply(Entry<String, GroupOffsets> entry, GroupOffsets group) {
        if (group == null) {
            // Nothing published for the group: nobody is a member. Do not create an entry for it.
            Map<PartitionId, CommitResult> results = new HashMap<>();
            commits.keySet().forEach(partition -> results.put(partition, CommitResult.UNKNOWN_MEMBER));
            return new CommitOutcome(results);
        }
        GroupOffsets.CommitDecision decision = group.commit(memberId, memberEpoch, commits, metadataMaxChars, nowMs());
        if (decision.accepted().isEmpty()) {
            return new CommitOutcome(decision.results());
        }
        LoggedStep step = logChange(entry, group, seq -> records(entry.getKey(), decision.accepted(), seq),
                seq -> GroupChange.setCommitted(decision.accepted(), seq));
        return new CommitOutcome(decision.results(), step);
    }

    @Override
    protected CommitOutcome busy() {
        return new CommitOutcome(Map.of(), LoggedStep.BUSY);
    }

    private static List<OffsetLogRecord> records(String group, Map<PartitionId, CommittedOffset> accepted, long seq) {
        List<OffsetLogRecord> records = new ArrayList<>(accepted.size());
        accepted.forEach((partition, committed) -> records.add(OffsetLogRecord.offset(group, partition, seq, committed)));
        return records;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.COMMIT_PROCESSOR;
    }

    @Override
    protected void writeFields(ObjectDataOutput out) throws IOException {
        out.writeString(memberId);
        out.writeInt(memberEpoch);
        out.writeInt(metadataMaxChars);
        WireFormat.writeOffsetCommits(out, commits);
    }

    @Override
    protected void readFields(ObjectDataInput in) throws IOException {
        memberId = in.readString();
        memberEpoch = in.readInt();
        metadataMaxChars = in.readInt();
        commits = WireFormat.readOffsetCommits(in);
    }
}
