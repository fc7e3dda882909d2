package io.roster.coordinator.store;

import io.roster.assignor.TopicPartition;
import io.roster.coordinator.group.ConsumerGroup;
import io.roster.offsets.OffsetStore;
import io.roster.offsets.PartitionId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Hands a group's ownership table to the offset store, so that commits are fenced against what
 * the group says now. The table carries the group's ownership version: when several nodes
 * publish for one group, the store keeps the newest whatever the order they arrive in.
 *
 * <p>Callers publish before they answer any member of the group, so that no member learns of an
 * assignment the store does not have yet. The event that changed the ownership publishes its
 * table; but a later event of the same group, on this node or another, may answer a member with
 * that assignment while the first publish is still waiting (for example behind a commit that
 * waits for the durable log). Such an event therefore makes sure too: this node remembers the
 * highest version it knows the store has, and below it reads the group and publishes its table
 * (the store keeps the newest; a publish waits for the group's pending commit). Without this a new
 * owner could fetch a committed offset older than a commit of the previous owner stored right
 * after, and commit below it.
 */
public final class OwnershipPublisher {

    /** Past this many groups the memory of published versions starts over (it is only a shortcut). */
    private static final int MAX_REMEMBERED = 100_000;

    private final OffsetStore offsets;
    private final GroupStore groups;
    private final Executor executor;
    private final Map<String, Long> published = new ConcurrentHashMap<>();

    /**
     * @param executor where the publish that follows a read of the group is sent from: not the Hazelcast
     *                 thread that completed the read, which may not make calls (the node's Vert.x context)
     */
    public OwnershipPublisher(OffsetStore offsets, GroupStore groups, Executor executor) {
        this.offsets = offsets;
        this.groups = groups;
        this.executor = executor;
    }

    /** Completes once the store has the group's ownership at the event's version (or newer). */
    public CompletionStage<Void> publish(String groupId, GroupEventResult result) {
        if (result.ownershipChanged()) {
            return publish(groupId, result.ownershipVersion(), table(result.ownership()));
        }
        if (result.ownershipVersion() <= published.getOrDefault(groupId, 0L)) {
            return CompletableFuture.completedFuture(null);
        }
        return groups.get(groupId).thenComposeAsync(group -> group == null ? CompletableFuture.completedFuture(null)
                : publish(groupId, group.ownershipVersion(), table(group)), executor);
    }

    private CompletionStage<Void> publish(String groupId, long version, Map<String, io.roster.offsets.MemberOwnership> table) {
        if (version <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return offsets.publishOwnership(groupId, version, table).thenApply(applied -> {
            if (published.size() >= MAX_REMEMBERED) {
                published.clear();
            }
            published.merge(groupId, version, Math::max);
            return null;
        });
    }

    private static Map<String, io.roster.offsets.MemberOwnership> table(Iterable<MemberOwnership> ownership) {
        Map<String, io.roster.offsets.MemberOwnership> table = new HashMap<>();
        for (MemberOwnership member : ownership) {
            table.put(member.memberId(), new io.roster.offsets.MemberOwnership(member.memberEpoch(),
                    member.previousMemberEpoch(), partitionIds(member.owned())));
        }
        return table;
    }

    private static Map<String, io.roster.offsets.MemberOwnership> table(ConsumerGroup group) {
        return table(group.members().values().stream().map(MemberOwnership::of).toList());
    }

    static Set<PartitionId> partitionIds(Iterable<TopicPartition> partitions) {
        Set<PartitionId> ids = new HashSet<>();
        partitions.forEach(tp -> ids.add(new PartitionId(tp.topic(), tp.partition())));
        return ids;
    }
}
