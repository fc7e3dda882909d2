package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.roster.offsets.OffsetLogRecord;

import java.io.IOException;
import java.util.List;

/**
 * A change of a group decided on its primary replica and waiting for the durable log, with
 * {@code offsets.durability=sync}. It is stored in the group's entry, so it is backed up and moves with the
 * entry when Hazelcast migrates the group's partition; while it is live, every other change of the group
 * (commit, publish, reset, delete, expiry) is refused as busy and retried by its caller. That is what keeps
 * the log's records of one group in the order the changes are stored, whatever member the group lives on.
 *
 * <p>The member that made the change appends {@link #records()} and then applies it ({@link #confirm}) or
 * drops it ({@link #abort}), naming its {@link #token()}. A change whose member never comes back (it died)
 * stops holding the group up at {@link #deadlineMs()}, and is dropped by the next change of the group;
 * its records may or may not be in the log, which is harmless: its sequence number is already below
 * everything the group logs next.
 *
 * @param createdGroup whether the change created the group's entry (a reset of an unknown group): dropping
 *                     it then removes the entry again
 */
record PendingChange(long token, long deadlineMs, List<OffsetLogRecord> records, GroupChange change,
                     boolean createdGroup) {

    PendingChange {
        records = List.copyOf(records);
    }

    boolean live(long nowMs) {
        return nowMs < deadlineMs;
    }

    /** The group with the change applied, {@code null} when the change removes it. */
    GroupOffsets confirm(GroupOffsets group) {
        return change.applyTo(group.withPending(null));
    }

    /** The group without the change, {@code null} when the change had created it. */
    GroupOffsets abort(GroupOffsets group) {
        return createdGroup ? null : group.withPending(null);
    }

    void write(ObjectDataOutput out) throws IOException {
        out.writeLong(token);
        out.writeLong(deadlineMs);
        out.writeBoolean(createdGroup);
        WireFormat.writeLogRecords(out, records);
        change.write(out);
    }

    static PendingChange read(ObjectDataInput in) throws IOException {
        long token = in.readLong();
        long deadlineMs = in.readLong();
        boolean createdGroup = in.readBoolean();
        List<OffsetLogRecord> records = WireFormat.readLogRecords(in);
        return new PendingChange(token, deadlineMs, records, GroupChange.read(in), createdGroup);
    }
}
