package io.roster.coordinator.store;

import com.hazelcast.map.EntryProcessor;
import io.roster.coordinator.group.ConsumerGroup;
import java.util.Map;

/**
 * Removes a group's entry if it has no members, in one step on the group's partition, so
 * that a member joining at the same moment is never deleted with it. Returns whether the
 * entry was removed; {@code false} for an unknown group or one with members.
 */
public final class GroupRemoveIfEmptyProcessor implements EntryProcessor<String, ConsumerGroup, Boolean> {

    private static final long serialVersionUID = 1L;

    @Override
    public Boolean process(Map.Entry<String, ConsumerGroup> entry) {
        ConsumerGroup group = entry.getValue();
        if (group == null || !group.isEmpty()) {
            return false;
        }
        entry.setValue(null);
        return true;
    }
}
