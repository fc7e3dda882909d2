package io.roster.offsets.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.PartitionId;

import java.io.IOException;
import java.util.Map;
import java.util.Map.Entry;

/**
 * What a backup replica applies of a change its primary decided ({@link LoggedChangeProcessor}): the
 * decision, not the rule. A backup never judges again and never writes to the durable log, so a change is
 * logged once, by the replica that made it.
 *
 * <p>A commit sends only the accepted offsets and the log sequence number ({@code SET_COMMITTED}); the rare
 * changes (reset, reload) send the whole new group ({@code REPLACE}); delete and expiry remove it.
 */
public final class BackupApplyProcessor<R> implements EntryProcessor<String, GroupOffsets, R>, IdentifiedDataSerializable {

    enum Kind { SET_COMMITTED, REPLACE, REMOVE }

    private Kind kind;
    private Map<PartitionId, CommittedOffset> committed;
    private long logSeq;
    private GroupOffsets value;

    public BackupApplyProcessor() {
    }

    private BackupApplyProcessor(Kind kind, Map<PartitionId, CommittedOffset> committed, long logSeq, GroupOffsets value) {
        this.kind = kind;
        this.committed = committed;
        this.logSeq = logSeq;
        this.value = value;
    }

    static <R> BackupApplyProcessor<R> setCommitted(Map<PartitionId, CommittedOffset> committed, long logSeq) {
        return new BackupApplyProcessor<>(Kind.SET_COMMITTED, Map.copyOf(committed), logSeq, null);
    }

    static <R> BackupApplyProcessor<R> replace(GroupOffsets value) {
        return new BackupApplyProcessor<>(Kind.REPLACE, null, 0, value);
    }

    static <R> BackupApplyProcessor<R> remove() {
        return new BackupApplyProcessor<>(Kind.REMOVE, null, 0, null);
    }

    @Override
    public R process(Entry<String, GroupOffsets> entry) {
        switch (kind) {
            case SET_COMMITTED -> {
                GroupOffsets group = entry.getValue();
                // The primary had the group; a backup without it is being repaired by Hazelcast's replica sync.
                if (group != null) {
                    entry.setValue(group.withCommitted(committed, logSeq));
                }
            }
            case REPLACE -> entry.setValue(value);
            case REMOVE -> entry.setValue(null);
            default -> throw new IllegalStateException("unknown backup change " + kind);
        }
        return null;
    }

    @Override
    public int getFactoryId() {
        return OffsetStoreSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.BACKUP_APPLY_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(kind.name());
        switch (kind) {
            case SET_COMMITTED -> {
                out.writeLong(logSeq);
                WireFormat.writeCommittedOffsets(out, committed);
            }
            case REPLACE -> out.writeObject(value);
            case REMOVE -> {
                // nothing more
            }
            default -> throw new IllegalStateException("unknown backup change " + kind);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        kind = Kind.valueOf(in.readString());
        switch (kind) {
            case SET_COMMITTED -> {
                logSeq = in.readLong();
                committed = WireFormat.readCommittedOffsets(in);
            }
            case REPLACE -> value = in.readObject();
            case REMOVE -> {
                // nothing more
            }
            default -> throw new IllegalStateException("unknown backup change " + kind);
        }
    }
}
