package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.Map;

/**
 * A decided change of one group's entry, as data: what a backup replica applies of its primary's decision
 * ({@link BackupApplyProcessor}) and what a {@link PendingChange} applies once the log has it.
 *
 * <p>A commit carries only the accepted offsets and the log sequence number ({@code SET_COMMITTED}); the
 * rare changes (reset, reload) carry the whole new group ({@code REPLACE}); delete and expiry remove it.
 * {@code RESERVE} stores a change waiting for the log, and {@code APPLY_PENDING} and {@code DROP_PENDING}
 * confirm or drop it where it is stored, on the primary and on each backup alike.
 */
final class GroupChange {

    enum Kind { SET_COMMITTED, REPLACE, REMOVE, RESERVE, APPLY_PENDING, DROP_PENDING }

    private final Kind kind;
    private final Map<PartitionId, CommittedOffset> committed;
    private final long logSeq;
    private final GroupOffsets value;
    private final PendingChange pending;

    private GroupChange(Kind kind, Map<PartitionId, CommittedOffset> committed, long logSeq, GroupOffsets value,
                        PendingChange pending) {
        this.kind = kind;
        this.committed = committed;
        this.logSeq = logSeq;
        this.value = value;
        this.pending = pending;
    }

    static GroupChange setCommitted(Map<PartitionId, CommittedOffset> committed, long logSeq) {
        return new GroupChange(Kind.SET_COMMITTED, Map.copyOf(committed), logSeq, null, null);
    }

    static GroupChange replace(GroupOffsets value) {
        return new GroupChange(Kind.REPLACE, null, 0, value, null);
    }

    static GroupChange remove() {
        return new GroupChange(Kind.REMOVE, null, 0, null, null);
    }

    /** An existing group's change waiting for the log, its sequence number {@code logSeq}. */
    static GroupChange reserve(long logSeq, PendingChange pending) {
        return new GroupChange(Kind.RESERVE, null, logSeq, null, pending);
    }

    static GroupChange applyPending() {
        return new GroupChange(Kind.APPLY_PENDING, null, 0, null, null);
    }

    static GroupChange dropPending() {
        return new GroupChange(Kind.DROP_PENDING, null, 0, null, null);
    }

    /**
     * The group after the change; {@code null} when it is removed. A {@code SET_COMMITTED} or pending change
     * of a group that is not there changes nothing: on a backup, Hazelcast's replica sync is repairing it.
     */
    GroupOffsets applyTo(GroupOffsets group) {
        return switch (kind) {
            case SET_COMMITTED -> group == null ? null : group.withCommitted(committed, logSeq);
            case REPLACE -> value;
            case REMOVE -> null;
            case RESERVE -> group == null ? null : group.withLogSeq(logSeq).withPending(pending);
            case APPLY_PENDING -> group == null || group.pending() == null ? group : group.pending().confirm(group);
            case DROP_PENDING -> group == null || group.pending() == null ? group : group.pending().abort(group);
        };
    }

    void write(ObjectDataOutput out) throws IOException {
        out.writeString(kind.name());
        switch (kind) {
            case SET_COMMITTED -> {
                out.writeLong(logSeq);
                WireFormat.writeCommittedOffsets(out, committed);
            }
            case REPLACE -> out.writeObject(value);
            case RESERVE -> {
                out.writeLong(logSeq);
                pending.write(out);
            }
            default -> {
                // nothing more
            }
        }
    }

    static GroupChange read(ObjectDataInput in) throws IOException {
        Kind kind = Kind.valueOf(in.readString());
        return switch (kind) {
            case SET_COMMITTED -> {
                long logSeq = in.readLong();
                yield new GroupChange(kind, WireFormat.readCommittedOffsets(in), logSeq, null, null);
            }
            case REPLACE -> new GroupChange(kind, null, 0, in.readObject(), null);
            case RESERVE -> {
                long logSeq = in.readLong();
                yield new GroupChange(kind, null, logSeq, null, PendingChange.read(in));
            }
            default -> new GroupChange(kind, null, 0, null, null);
        };
    }

    @Override
    public String toString() {
        return "GroupChange{" + kind + (committed == null ? "" : ", " + committed.size() + " offsets, seq " + logSeq) + "}";
    }
}
