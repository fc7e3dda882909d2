package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.CommitResult;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.GroupOwnership;
import io.roster.offsets.MemberOwnership;
import io.roster.offsets.OffsetCommit;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The stored value of one group: its committed offsets and its ownership table.
 *
 * <p>Immutable once built: every change returns a new instance, which the entry processor then stores
 * with {@code setValue}. The map uses in-memory format OBJECT, so the stored instance itself is what
 * queries read, on query threads, while the partition thread runs processors; changing it in place would
 * let them see half a change. (The fields are not {@code final} only because Hazelcast's {@code readData} fills a fresh
 * instance made by the factory.)
 *
 * <p>All rules live here as pure functions of (state, input, now), so they are tested without Hazelcast and
 * a backup replica that replays the same processor with the same input reaches the same state.
 */
public final class GroupOffsets implements IdentifiedDataSerializable {

    /**
     * How many log sequence numbers one millisecond of the caller's clock is worth: see {@link #nextLogSeq}.
     * Part of the stored format of the durable log.
     */
    public static final long LOG_SEQ_PER_MS = 1024;

    private Map<PartitionId, CommittedOffset> offsets;
    private long ownershipVersion;
    private Map<String, MemberOwnership> members;
    private long emptySinceMs;
    private long logSeq;
    private PendingChange pending;

    /** For the serialization factory only. */
    public GroupOffsets() {
    }

    private GroupOffsets(Map<PartitionId, CommittedOffset> offsets, long ownershipVersion,
                         Map<String, MemberOwnership> members, long emptySinceMs, long logSeq, PendingChange pending) {
        this.offsets = Collections.unmodifiableMap(offsets);
        this.ownershipVersion = ownershipVersion;
        this.members = Collections.unmodifiableMap(members);
        this.emptySinceMs = emptySinceMs;
        this.logSeq = logSeq;
        this.pending = pending;
    }

    /** A group the store has not seen: no offsets, nothing published, empty since {@code nowMs}, nothing logged. */
    public static GroupOffsets newGroup(long nowMs) {
        return new GroupOffsets(new HashMap<>(), 0L, new HashMap<>(), nowMs, 0L, null);
    }

    public Map<PartitionId, CommittedOffset> offsets() {
        return offsets;
    }

    /** The offsets of {@code partitions} that have one; all offsets when {@code partitions} is empty. */
    public Map<PartitionId, CommittedOffset> offsets(Set<PartitionId> partitions) {
        if (partitions.isEmpty()) {
            return offsets;
        }
        Map<PartitionId, CommittedOffset> selected = new HashMap<>();
        for (PartitionId partition : partitions) {
            CommittedOffset committed = offsets.get(partition);
            if (committed != null) {
                selected.put(partition, committed);
            }
        }
        return selected;
    }

    public long ownershipVersion() {
        return ownershipVersion;
    }

    public Map<String, MemberOwnership> members() {
        return members;
    }

    public boolean hasMembers() {
        return !members.isEmpty();
    }

    /** When the ownership table became empty (or was last reset while empty); {@link GroupOwnership#NOT_EMPTY} otherwise. */
    public long emptySinceMs() {
        return emptySinceMs;
    }

    public GroupOwnership ownership() {
        return new GroupOwnership(ownershipVersion, members, emptySinceMs);
    }

    /** The sequence number of the group's last change written to the durable log; 0 before the first. */
    public long logSeq() {
        return logSeq;
    }

    /**
     * The sequence number for the group's next logged change: greater than {@link #logSeq()}, and at least
     * {@code nowMs * }{@value #LOG_SEQ_PER_MS}. The second bound makes a group that was deleted (its last
     * sequence number gone with its entry) and is created again continue above its old records, as long as
     * the clocks of the coordinator nodes agree to within the time between the delete and the new change.
     */
    public long nextLogSeq(long nowMs) {
        return Math.max(logSeq + 1, nowMs * LOG_SEQ_PER_MS);
    }

    /** The change waiting for the durable log that holds the group's other changes up; {@code null} when none. */
    PendingChange pending() {
        return pending;
    }

    /** Whether a change waiting for the durable log holds the group's other changes up at {@code nowMs}. */
    boolean busy(long nowMs) {
        return pending != null && pending.live(nowMs);
    }

    /** The same group with {@code change} waiting for the log ({@code null}: nothing waiting). */
    GroupOffsets withPending(PendingChange change) {
        return new GroupOffsets(offsets, ownershipVersion, members, emptySinceMs, logSeq, change);
    }

    /** The same group, its last logged change numbered {@code seq}. */
    public GroupOffsets withLogSeq(long seq) {
        return new GroupOffsets(offsets, ownershipVersion, members, emptySinceMs, seq, pending);
    }

    /**
     * Sets the given committed offsets as they are, with the log sequence number of the change: what a backup
     * replica applies of a commit its primary decided.
     */
    public GroupOffsets withCommitted(Map<PartitionId, CommittedOffset> committed, long seq) {
        Map<PartitionId, CommittedOffset> next = new HashMap<>(offsets);
        next.putAll(committed);
        return new GroupOffsets(next, ownershipVersion, members, emptySinceMs, seq, pending);
    }

    /**
     * The fencing rule for one partition. {@code owner} is the committing member's row of the ownership table,
     * or {@code null} when the member is not in it.
     */
    public static CommitResult judge(MemberOwnership owner, int presentedEpoch, PartitionId partition,
                                     OffsetCommit commit, int metadataMaxChars) {
        if (owner == null) {
            return CommitResult.UNKNOWN_MEMBER;
        }
        if (commit.offset() < 0) {
            return CommitResult.INVALID_OFFSET;
        }
        if (commit.metadata() != null && commit.metadata().length() > metadataMaxChars) {
            return CommitResult.METADATA_TOO_LARGE;
        }
        // Ownership is what fences a zombie: once a partition was revoked, or the member was removed, its
        // records may be processed by a new owner, and its offset must not land. The epoch may lag one bump
        // behind: a member keeps its partitions across a bump, and a commit already on its way when the
        // bump happened carries the epoch before it. Anything older is a member that missed more than one
        // change of its own assignment.
        if (!owner.acceptsEpoch(presentedEpoch) || !owner.owns(partition)) {
            return CommitResult.FENCED;
        }
        return CommitResult.OK;
    }

    /** Judges every partition independently and stores the accepted ones with {@code nowMs}. */
    public CommitDecision commit(String memberId, int presentedEpoch, Map<PartitionId, OffsetCommit> commits,
                                 int metadataMaxChars, long nowMs) {
        MemberOwnership owner = members.get(memberId);
        Map<PartitionId, CommitResult> results = new LinkedHashMap<>();
        Map<PartitionId, CommittedOffset> accepted = new LinkedHashMap<>();
        for (Map.Entry<PartitionId, OffsetCommit> e : commits.entrySet()) {
            CommitResult result = judge(owner, presentedEpoch, e.getKey(), e.getValue(), metadataMaxChars);
            results.put(e.getKey(), result);
            if (result == CommitResult.OK) {
                // Lower than the stored offset is allowed: a consumer that rolled back re-commits from there.
                accepted.put(e.getKey(), new CommittedOffset(e.getValue().offset(), e.getValue().metadata(), nowMs));
            }
        }
        if (accepted.isEmpty()) {
            return new CommitDecision(results, accepted, this);
        }
        Map<PartitionId, CommittedOffset> next = new HashMap<>(offsets);
        next.putAll(accepted);
        return new CommitDecision(results, accepted, new GroupOffsets(next, ownershipVersion, members, emptySinceMs, logSeq, pending));
    }

    /**
     * Merges offsets reloaded from the durable log after a cold start, never lowering what the group has: a
     * record is taken only if its seq is above the group's {@link #logSeq()}. A group whose own logged
     * changes reach that far knows the partition's offset at least as well as the log (it is that change,
     * or a later one; a partition it has no offset for was deleted since). A group created by a publish
     * while the reload ran has logged nothing (seq 0) and takes every record. A merge run twice takes nothing
     * the second time. The group's seq becomes the highest it has seen, so its next changes outrank the log.
     *
     * @param records live records (no tombstones), at most one per partition
     */
    public GroupOffsets withReloaded(Collection<OffsetLogRecord> records) {
        Map<PartitionId, CommittedOffset> next = new HashMap<>(offsets);
        long seq = logSeq;
        for (OffsetLogRecord record : records) {
            if (record.isTombstone()) {
                throw new IllegalArgumentException("a tombstone is not an offset to reload: " + record);
            }
            if (record.seq() > logSeq) {
                next.put(record.partition(), record.committed());
            }
            seq = Math.max(seq, record.seq());
        }
        return new GroupOffsets(next, ownershipVersion, members, emptySinceMs, seq, pending);
    }

    /**
     * Replaces the whole ownership table. The caller applies it only when {@code version} is greater than
     * {@link #ownershipVersion()}; this method does not compare.
     *
     * @throws IllegalArgumentException if two members own one partition
     */
    public GroupOffsets withOwnership(long version, Map<String, MemberOwnership> newMembers, long nowMs) {
        requireSingleOwners(newMembers);
        long emptySince;
        if (!newMembers.isEmpty()) {
            emptySince = GroupOwnership.NOT_EMPTY;
        } else if (members.isEmpty()) {
            emptySince = emptySinceMs; // was already empty: retention keeps counting from then
        } else {
            emptySince = nowMs;
        }
        // The offsets map is never changed in place, so the new state may share it.
        return new GroupOffsets(offsets, version, new HashMap<>(newMembers), emptySince, logSeq, pending);
    }

    /**
     * Sets the given offsets (metadata cleared, commit time {@code nowMs}) and restarts the retention clock,
     * since an operator just prepared the group for its next consumers. Other partitions are unchanged.
     *
     * @throws IllegalStateException if the group has members (callers check {@link #hasMembers()} first)
     */
    public GroupOffsets withResetOffsets(Map<PartitionId, Long> resetOffsets, long nowMs) {
        if (hasMembers()) {
            throw new IllegalStateException("offsets of a group with live members cannot be reset");
        }
        Map<PartitionId, CommittedOffset> next = new HashMap<>(offsets);
        resetOffsets.forEach((partition, offset) -> next.put(partition, new CommittedOffset(offset, null, nowMs)));
        return new GroupOffsets(next, ownershipVersion, members, nowMs, logSeq, pending);
    }

    /** True when the group has had no members for at least {@code retentionMs}. */
    public boolean expired(long nowMs, long retentionMs) {
        return !hasMembers() && nowMs - emptySinceMs >= retentionMs;
    }

    /**
     * @throws IllegalArgumentException naming the partition and both members if two members own one partition
     */
    public static void requireSingleOwners(Map<String, MemberOwnership> members) {
        Map<PartitionId, String> ownerOf = new HashMap<>();
        for (Map.Entry<String, MemberOwnership> e : members.entrySet()) {
            for (PartitionId partition : e.getValue().partitions()) {
                String previous = ownerOf.putIfAbsent(partition, e.getKey());
                if (previous != null) {
                    throw new IllegalArgumentException("partition " + partition + " is owned by two members: '"
                            + previous + "' and '" + e.getKey() + "'");
                }
            }
        }
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.GROUP_OFFSETS;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(ownershipVersion);
        out.writeLong(emptySinceMs);
        WireFormat.writeMembers(out, members);
        WireFormat.writeCommittedOffsets(out, offsets);
        out.writeLong(logSeq);
        out.writeBoolean(pending != null);
        if (pending != null) {
            pending.write(out);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        ownershipVersion = in.readLong();
        emptySinceMs = in.readLong();
        members = Collections.unmodifiableMap(WireFormat.readMembers(in));
        offsets = Collections.unmodifiableMap(WireFormat.readCommittedOffsets(in));
        logSeq = in.readLong();
        pending = in.readBoolean() ? PendingChange.read(in) : null;
    }

    @Override
    public String toString() {
        return "GroupOffsets{version=" + ownershipVersion + ", members=" + members.keySet()
                + ", emptySinceMs=" + emptySinceMs + ", offsets=" + offsets.size() + ", logSeq=" + logSeq
                + (pending == null ? "" : ", pending=" + pending.change()) + "}";
    }

    /**
     * The outcome of a commit: one result per partition, the offsets accepted (in request order), and the
     * state to store ({@code this} instance when nothing was accepted, so the processor knows not to write).
     */
    public record CommitDecision(Map<PartitionId, CommitResult> results, Map<PartitionId, CommittedOffset> accepted,
                                 GroupOffsets next) {
    }
}
