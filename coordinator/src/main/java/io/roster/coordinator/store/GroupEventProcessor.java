package io.roster.coordinator.store;

import com.hazelcast.map.EntryProcessor;
import io.roster.assignor.AssignorRegistry;
import io.roster.coordinator.group.ConsumerGroup;
import io.roster.coordinator.group.ConsumerGroupStateMachine;
import io.roster.coordinator.group.GroupProtocolException;
import io.roster.coordinator.group.GroupTimeouts;
import io.roster.coordinator.group.GroupUpdate;
import java.util.Map;

/**
 * Applies one {@link GroupEvent} to a group, atomically, on the member that owns the
 * group's partition. Hazelcast runs the same processor on the backup (the default backup
 * processor is the processor itself); the state machine is deterministic, so the backup
 * reaches the same state. A refused event writes nothing and comes back as a result with
 * its error.
 */
public final class GroupEventProcessor implements EntryProcessor<String, ConsumerGroup, GroupEventResult> {

    private static final long serialVersionUID = 1L;
    private static final AssignorRegistry ASSIGNORS = AssignorRegistry.withDefaults();

    private final GroupEvent event;

    public GroupEventProcessor(GroupEvent event) {
        this.event = event;
    }

    GroupEvent event() {
        return event;
    }

    @Override
    public GroupEventResult process(Map.Entry<String, ConsumerGroup> entry) {
        ConsumerGroup group = entry.getValue();
        if (group == null) {
            if (event.kind() != GroupEvent.Kind.HEARTBEAT) {
                return GroupEventResult.of(GroupUpdate.unchanged(ConsumerGroup.empty(entry.getKey(), event.assignorName())));
            }
            group = ConsumerGroup.empty(entry.getKey(), event.assignorName());
        }
        ConsumerGroupStateMachine machine = new ConsumerGroupStateMachine(ASSIGNORS,
                new GroupTimeouts(event.sessionTimeoutMs(), event.rebalanceTimeoutMs()));
        GroupUpdate update;
        try {
            update = switch (event.kind()) {
                case HEARTBEAT -> machine.heartbeat(group, event.heartbeat(), event.metadata(), event.nowMs(),
                        event.newMemberId());
                case LEAVE -> machine.leave(group, event.memberId(), event.temporarily(), event.metadata(),
                        event.nowMs());
                case EXPIRE -> machine.expire(group, event.metadata(), event.nowMs());
                case METADATA -> machine.refreshMetadata(group, event.metadata(), event.nowMs());
            };
        } catch (GroupProtocolException refusal) {
            // A refusal is an answer, not a failure: returned as a value, so that Hazelcast
            // neither logs it nor ships a Java-serialised exception back.
            return GroupEventResult.refused(refusal);
        }
        if (update.group() != entry.getValue()) {
            entry.setValue(update.group());
        }
        return GroupEventResult.of(update);
    }
}
