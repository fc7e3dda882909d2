package io.roster.offsets.impl;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.DurabilityMode;
import io.roster.offsets.DurableOffsets;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.OffsetsUnavailableException;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.List;
import java.util.Map.Entry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;

/**
 * A processor whose change of offsets is written to the durable offset log, by the primary replica only.
 * It runs on the partition thread, as any processor, and never waits for the log there:
 *
 * <ul>
 *   <li>without durable offsets it stores the change at once;
 *   <li>with {@link DurabilityMode#ASYNC} it stores the change and hands its records to the member's writer;
 *   <li>with {@link DurabilityMode#SYNC} it stores the change as the group's {@link PendingChange}, to be
 *       applied by {@link PendingChangeProcessor} once the caller has appended the records
 *       ({@link LoggedStep} {@code PENDING}).
 * </ul>
 *
 * <p>While a group has a live pending change, every other change of the group is refused as busy
 * ({@link LoggedStep} {@code BUSY}; the caller tries again), so that no publish or commit can come between
 * a commit's fencing check and its store, and the log gets the group's changes in the order they are
 * stored. The pending change lives in the entry, so this holds when Hazelcast migrates the group to another
 * member, which a key lock held across the log write (an {@code Offloadable} processor) did not: the lock
 * stayed behind, a later commit on the new owner went first, and the older commit was then stored over it.
 *
 * <p>Backups do not run the processor again: they apply what the primary decided
 * ({@link BackupApplyProcessor}), so that a change is logged once, by the replica that decided it, in the
 * order it was decided.
 */
public abstract class LoggedChangeProcessor<R extends LoggedOutcome>
        implements EntryProcessor<String, GroupOffsets, R>, IdentifiedDataSerializable, HazelcastInstanceAware {

    private boolean durable;
    private long nowMs;
    private long token;
    private transient HazelcastInstance member;
    private transient EntryProcessor<String, GroupOffsets, R> backup;
    private transient boolean droppedPending;

    protected LoggedChangeProcessor() {
    }

    /**
     * @param nowMs   the caller's clock when it sends the change
     * @param durable whether the sending member has durable offsets: every member must then have them
     */
    protected LoggedChangeProcessor(long nowMs, boolean durable) {
        this.nowMs = nowMs;
        this.durable = durable;
        this.token = ThreadLocalRandom.current().nextLong();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    /** Identifies this change's {@link PendingChange} for {@link PendingChangeProcessor}. */
    public long token() {
        return token;
    }

    @Override
    public final R process(Entry<String, GroupOffsets> entry) {
        // A retried operation runs the same instance again: nothing of the previous run may remain.
        backup = null;
        GroupOffsets stored = entry.getValue();
        PendingChange pending = stored == null ? null : stored.pending();
        if (pending != null && pending.token() != token && pending.live(nowMs())) {
            return busy();
        }
        // An expired pending change is dropped (its member is gone); our own is a retry whose answer was
        // lost, so its records were never appended: drop it and decide again.
        droppedPending = pending != null;
        return apply(entry, pending == null ? stored : pending.abort(stored));
    }

    /**
     * The change itself, on the primary replica.
     *
     * @param group the stored group without any pending change, {@code null} when there is none
     */
    protected abstract R apply(Entry<String, GroupOffsets> entry, GroupOffsets group);

    /** The caller's clock when it sent the change. */
    protected final long nowMs() {
        return nowMs;
    }

    /** The outcome when another change of the group waits for the log: nothing changed. */
    protected abstract R busy();

    /** What the backups apply; {@code null} when the primary changed nothing. */
    @Override
    public final EntryProcessor<String, GroupOffsets, R> getBackupProcessor() {
        return backup;
    }

    /**
     * The member's durable offsets, or {@code null} when the cluster does not log.
     *
     * @throws OffsetsUnavailableException if the sending member logs and this one cannot
     */
    protected final DurableOffsets durableOffsets() {
        if (!durable) {
            return null;
        }
        DurableOffsets offsets = member == null ? null : DurableOffsets.of(member).orElse(null);
        if (offsets == null) {
            throw new OffsetsUnavailableException("member " + (member == null ? "?" : member.getCluster().getLocalMember())
                    + " has no durable offset log, but the member that sent the change has: every member needs one");
        }
        return offsets;
    }

    /**
     * Makes one change of the group, logged under the group's next sequence number as the mode says (see
     * the class comment).
     *
     * @param group   the stored group without its pending change, {@code null} when the change creates it
     * @param records the change's records, given its sequence number
     * @param change  the change, given its sequence number
     * @return {@code DONE}, {@code PENDING} (sync), or {@code UNAVAILABLE} when the asynchronous writer is
     *         closed: the group's sequence number was then moved past the records (and stored), nothing else
     */
    protected final LoggedStep logChange(Entry<String, GroupOffsets> entry, GroupOffsets group,
                                         LongFunction<List<OffsetLogRecord>> records, LongFunction<GroupChange> change) {
        DurableOffsets offsets;
        try {
            offsets = durableOffsets();
        } catch (OffsetsUnavailableException e) {
            return LoggedStep.unavailable(e.getMessage());
        }
        GroupOffsets known = group == null ? GroupOffsets.newGroup(nowMs()) : group;
        if (offsets == null) {
            store(entry, group, change.apply(known.logSeq()));
            return LoggedStep.DONE;
        }
        long seq = known.nextLogSeq(nowMs());
        List<OffsetLogRecord> logged = records.apply(seq);
        if (offsets.mode() == DurabilityMode.SYNC) {
            PendingChange pending = new PendingChange(token, nowMs() + 2 * offsets.config().timeoutMs(), logged,
                    change.apply(seq), group == null);
            store(entry, group, group == null ? GroupChange.replace(known.withLogSeq(seq).withPending(pending))
                    : GroupChange.reserve(seq, pending));
            return LoggedStep.pending(token, logged);
        }
        try {
            offsets.write(logged);
        } catch (OffsetsUnavailableException e) {
            // The records may still reach the log: whatever the group does next must outrank them.
            if (group != null) {
                store(entry, group, GroupChange.replace(group.withLogSeq(seq)));
            }
            return LoggedStep.unavailable(e.getMessage());
        }
        store(entry, group, change.apply(seq));
        return LoggedStep.DONE;
    }

    /**
     * Removes the group, after logging a tombstone of each of its partitions so that a cold start does not
     * bring it back (delete, expiry).
     */
    protected final GroupMutationOutcome removeLogged(Entry<String, GroupOffsets> entry, GroupOffsets group) {
        return GroupMutationOutcome.applied(logChange(entry, group, seq -> group.offsets().keySet().stream().sorted()
                .map(partition -> OffsetLogRecord.tombstone(entry.getKey(), partition, seq)).toList(),
                seq -> GroupChange.remove()));
    }

    /**
     * Applies {@code change} to {@code group} here and on the backups. When a pending change was dropped
     * first, the backups get the whole result, so that none of them keeps the dropped change.
     */
    private void store(Entry<String, GroupOffsets> entry, GroupOffsets group, GroupChange change) {
        GroupOffsets next = change.applyTo(group);
        entry.setValue(next);
        backup = BackupApplyProcessor.of(!droppedPending ? change : next == null ? GroupChange.remove() : GroupChange.replace(next));
    }

    @Override
    public final int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        out.writeBoolean(durable);
        out.writeLong(nowMs);
        out.writeLong(token);
        writeFields(out);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        durable = in.readBoolean();
        nowMs = in.readLong();
        token = in.readLong();
        readFields(in);
    }

    protected abstract void writeFields(ObjectDataOutput out) throws IOException;

    protected abstract void readFields(ObjectDataInput in) throws IOException;
}
