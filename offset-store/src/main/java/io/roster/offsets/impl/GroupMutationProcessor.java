package io.roster.offsets.impl;

/** A logged change of a whole group (reset, delete, expiry), answered with a {@link GroupMutationOutcome}. */
abstract class GroupMutationProcessor extends LoggedChangeProcessor<GroupMutationOutcome> {

    protected GroupMutationProcessor() {
    }

    protected GroupMutationProcessor(long nowMs, boolean durable) {
        super(nowMs, durable);
    }

    @Override
    protected final GroupMutationOutcome busy() {
        return GroupMutationOutcome.busy();
    }
}
