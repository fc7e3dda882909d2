package io.roster.offsets.impl;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.Offloadable;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.DurabilityMode;
import io.roster.offsets.DurableOffsets;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.OffsetsUnavailableException;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.LongFunction;

/**
 * A processor whose change of offsets is written to the durable offset log, by the primary replica only.
 *
 * <p>Where it runs: with {@link DurabilityMode#SYNC} durable offsets on the member, on the
 * {@value DurableOffsets#EXECUTOR_NAME} executor ({@link Offloadable}). Hazelcast then keeps the key locked
 * from before {@code process} until the new value is stored, so no other change of the group (a publish, a
 * commit of another member) can come between the fencing check, the durable write and the store; the
 * partition thread does not wait for the log. Otherwise on the partition thread, as any processor.
 *
 * <p>Backups do not run the processor again: they apply what the primary decided
 * ({@link BackupApplyProcessor}), so that a change is logged once, by the replica that decided it, in the
 * order it was decided. The subclass stores through {@link #store}, {@link #storeCommitted} and
 * {@link #remove}, which set the backup's change too.
 */
public abstract class LoggedChangeProcessor<R>
        implements EntryProcessor<String, GroupOffsets, R>, IdentifiedDataSerializable, Offloadable, HazelcastInstanceAware {

    private boolean durable;
    private transient HazelcastInstance member;
    private transient EntryProcessor<String, GroupOffsets, R> backup;

    protected LoggedChangeProcessor() {
    }

    /** @param durable whether the sending member has durable offsets: every member must then have them */
    protected LoggedChangeProcessor(boolean durable) {
        this.durable = durable;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    /** Decided on the member that runs the change, so that a synchronous log write never blocks a partition thread. */
    @Override
    public String getExecutorName() {
        DurableOffsets offsets = localDurableOffsets();
        return durable && offsets != null && offsets.mode() == DurabilityMode.SYNC
                ? DurableOffsets.EXECUTOR_NAME : NO_OFFLOADING;
    }

    @Override
    public final R process(Entry<String, GroupOffsets> entry) {
        // A retried operation runs the same instance again: nothing of the previous run may remain.
        backup = null;
        return apply(entry);
    }

    /** The change itself, on the primary replica. */
    protected abstract R apply(Entry<String, GroupOffsets> entry);

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
        DurableOffsets offsets = localDurableOffsets();
        if (offsets == null) {
            throw new OffsetsUnavailableException("member " + (member == null ? "?" : member.getCluster().getLocalMember())
                    + " has no durable offset log, but the member that sent the change has: every member needs one");
        }
        return offsets;
    }

    private DurableOffsets localDurableOffsets() {
        return member == null ? null : DurableOffsets.of(member).orElse(null);
    }

    /**
     * Writes one change of the group to the durable log under the group's next sequence number, and waits
     * for it as the mode says; a no-op when the cluster does not log.
     *
     * @param group   the stored group, or {@code null} when the change creates it
     * @param records the change's records, given its sequence number
     * @return the sequence number to store with the change ({@code group}'s own when nothing was logged)
     * @throws OffsetsUnavailableException if the log did not take the records; the group's sequence number
     *                                     was then moved past them (and stored), nothing else changed
     */
    protected final long logChange(Entry<String, GroupOffsets> entry, GroupOffsets group, long nowMs,
                                   LongFunction<List<OffsetLogRecord>> records) {
        DurableOffsets offsets = durableOffsets();
        GroupOffsets known = group == null ? GroupOffsets.newGroup(nowMs) : group;
        if (offsets == null) {
            return known.logSeq();
        }
        long seq = known.nextLogSeq(nowMs);
        try {
            offsets.write(records.apply(seq));
        } catch (OffsetsUnavailableException e) {
            // The write may still reach the log late: whatever the group does next must outrank it.
            if (group != null) {
                storeCommitted(entry, group.withLogSeq(seq), Map.of(), seq);
            }
            throw e;
        }
        return seq;
    }

    /**
     * Removes the group, after logging a tombstone of each of its partitions so that a cold start does not
     * bring it back (delete, expiry).
     *
     * @return {@code APPLIED}, or {@code UNAVAILABLE} when the log did not take the tombstones (the group stays)
     */
    protected final GroupMutationOutcome removeLogged(Entry<String, GroupOffsets> entry, GroupOffsets group, long nowMs) {
        try {
            logChange(entry, group, nowMs, seq -> group.offsets().keySet().stream().sorted()
                    .map(partition -> OffsetLogRecord.tombstone(entry.getKey(), partition, seq)).toList());
        } catch (OffsetsUnavailableException e) {
            return GroupMutationOutcome.unavailable(e.getMessage());
        }
        remove(entry);
        return GroupMutationOutcome.applied();
    }

    /** Stores {@code next} here and on the backups. */
    protected final void store(Entry<String, GroupOffsets> entry, GroupOffsets next) {
        entry.setValue(next);
        backup = BackupApplyProcessor.replace(next);
    }

    /** Stores {@code next} here; the backups set only {@code committed} and {@code logSeq}, not the whole group. */
    protected final void storeCommitted(Entry<String, GroupOffsets> entry, GroupOffsets next,
                                        Map<PartitionId, CommittedOffset> committed, long logSeq) {
        entry.setValue(next);
        backup = BackupApplyProcessor.setCommitted(committed, logSeq);
    }

    /** Removes the entry here and on the backups. */
    protected final void remove(Entry<String, GroupOffsets> entry) {
        entry.setValue(null);
        backup = BackupApplyProcessor.remove();
    }

    @Override
    public final int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        out.writeBoolean(durable);
        writeFields(out);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        durable = in.readBoolean();
        readFields(in);
    }

    protected abstract void writeFields(ObjectDataOutput out) throws IOException;

    protected abstract void readFields(ObjectDataInput in) throws IOException;
}
