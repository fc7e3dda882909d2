package io.roster.offsets.impl;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.util.Map.Entry;

/**
 * Removes a group that has no live members, checking emptiness and removing in one step. With durable
 * offsets a tombstone of each of its partitions is logged first ({@link LoggedChangeProcessor}), so that a
 * cold start does not bring the group back.
 */
public final class GroupDeleteProcessor extends GroupMutationProcessor {

    public GroupDeleteProcessor() {
    }

    public GroupDeleteProcessor(long nowMs, boolean durable) {
        super(nowMs, durable);
    }

    @Override
    protected GroupMutationOutcome apply(Entry<String, GroupOffsets> entry, GroupOffsets group) {
        if (group == null) {
            return GroupMutationOutcome.absent();
        }
        if (group.hasMembers()) {
            return GroupMutationOutcome.notEmpty(group.members().size());
        }
        return removeLogged(entry, group);
    }

    @Override
    public int getClassId() {
        return OffsetStoreSerialization.DELETE_PROCESSOR;
    }

    @Override
    protected void writeFields(ObjectDataOutput out) {
        // the base class writes everything
    }

    @Override
    protected void readFields(ObjectDataInput in) {
        // the base class reads everything
    }
}
