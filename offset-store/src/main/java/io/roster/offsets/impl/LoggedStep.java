package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.roster.offsets.OffsetLogRecord;

import java.io.IOException;
import java.util.List;

/**
 * How far a logged change got on the group's primary replica ({@link LoggedChangeProcessor}), sent back with
 * the processor's outcome.
 *
 * <ul>
 *   <li>{@code DONE}: stored (no durable log, or the asynchronous log has its records), or nothing to change;
 *   <li>{@code PENDING}: synchronous log: the change waits in the group's entry ({@link PendingChange});
 *       the caller appends {@link #records()} and then confirms or aborts it by {@link #token()};
 *   <li>{@code BUSY}: another change of the group waits for the log; nothing was changed, try again;
 *   <li>{@code UNAVAILABLE}: the log cannot take it ({@link #reason()}); nothing was changed.
 * </ul>
 */
public record LoggedStep(Kind kind, String reason, long token, List<OffsetLogRecord> records) {

    public enum Kind { DONE, PENDING, BUSY, UNAVAILABLE }

    static final LoggedStep DONE = new LoggedStep(Kind.DONE, null, 0, List.of());
    static final LoggedStep BUSY = new LoggedStep(Kind.BUSY, null, 0, List.of());

    public LoggedStep {
        records = List.copyOf(records);
    }

    static LoggedStep pending(long token, List<OffsetLogRecord> records) {
        return new LoggedStep(Kind.PENDING, null, token, records);
    }

    static LoggedStep unavailable(String reason) {
        return new LoggedStep(Kind.UNAVAILABLE, reason, 0, List.of());
    }

    void write(ObjectDataOutput out) throws IOException {
        out.writeString(kind.name());
        out.writeString(reason);
        out.writeLong(token);
        WireFormat.writeLogRecords(out, records);
    }

    static LoggedStep read(ObjectDataInput in) throws IOException {
        Kind kind = Kind.valueOf(in.readString());
        String reason = in.readString();
        long token = in.readLong();
        return new LoggedStep(kind, reason, token, WireFormat.readLogRecords(in));
    }
}
