package io.roster.coordinator.store;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import io.roster.coordinator.group.ConsumerGroup;
import io.roster.coordinator.group.ConsumerGroupStateMachine;
import io.roster.coordinator.group.GroupProtocolException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Consumer groups in a Hazelcast map, one entry per group. Every change is one
 * {@link GroupEventProcessor} on the group's key, so two nodes never race on a group.
 * Asynchronous: callers bridge the stages onto their own threads.
 */
public final class GroupStore {

    public static final String MAP_NAME = "roster-groups";

    private final IMap<String, ConsumerGroup> groups;

    public GroupStore(HazelcastInstance hazelcast) {
        this.groups = hazelcast.getMap(MAP_NAME);
    }

    /**
     * Adds the map and the serializers to a member's configuration. OBJECT format: the
     * processors work on the stored object without deserialising it.
     */
    public static void configure(Config config, int backupCount) {
        config.addMapConfig(new MapConfig(MAP_NAME).setBackupCount(backupCount).setInMemoryFormat(InMemoryFormat.OBJECT));
        GroupSerializers.register(config);
    }

    /**
     * Applies the event atomically. A refused event fails the stage with a
     * {@link GroupProtocolException} and changed nothing.
     */
    public CompletionStage<GroupEventResult> apply(String groupId, GroupEvent event) {
        return DirectStages.direct(groups.submitToKey(groupId, new GroupEventProcessor(event))).thenApply(result -> {
            if (result.error() != null) {
                throw new GroupProtocolException(result.error(), result.errorMessage());
            }
            return result;
        });
    }

    /** The group, or {@code null}. */
    public CompletionStage<ConsumerGroup> get(String groupId) {
        return DirectStages.direct(groups.getAsync(groupId));
    }

    /**
     * The groups this member owns whose next session or revocation deadline is at or
     * before {@code nowMs}: each group is judged by exactly one node, its owner. Blocking
     * (a local query): call it from a worker thread.
     */
    public Set<String> localGroupsDueForExpiry(long nowMs) {
        return groups.localKeySet(new ExpiryDue(nowMs));
    }

    /**
     * Every group of the cluster. Blocking (it asks every member): call it from a worker
     * thread. Meant for the admin API, not for the protocol's hot path.
     */
    public Collection<ConsumerGroup> all() {
        return groups.values();
    }

    /**
     * Removes the group's entry if it has no members, atomically.
     *
     * @return {@code true} if removed; {@code false} if unknown or it has members
     */
    public CompletionStage<Boolean> removeIfEmpty(String groupId) {
        return DirectStages.direct(groups.submitToKey(groupId, new GroupRemoveIfEmptyProcessor()));
    }

    /** The groups this member owns. Blocking (a local query): call it from a worker thread. */
    public Set<String> localGroupIds() {
        return groups.localKeySet();
    }

    private record ExpiryDue(long nowMs) implements Predicate<String, ConsumerGroup> {
        @Override
        public boolean apply(Map.Entry<String, ConsumerGroup> entry) {
            return ConsumerGroupStateMachine.nextDeadline(entry.getValue()) <= nowMs;
        }
    }
}
