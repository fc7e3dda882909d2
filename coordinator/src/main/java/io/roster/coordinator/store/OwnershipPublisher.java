package io.roster.coordinator.store;

import io.roster.assignor.TopicPartition;
import io.roster.offsets.OffsetStore;
import io.roster.offsets.PartitionId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Hands a group's ownership table to the offset store after an event changed it, so that
 * commits are fenced against what the group says now. The table carries the group's
 * ownership version: when several nodes publish for one group, the store keeps the newest
 * whatever the order they arrive in. Callers publish before telling any member about its
 * new assignment, so that no member can commit a partition the store does not yet give it.
 */
public final class OwnershipPublisher {

    private final OffsetStore offsets;

    public OwnershipPublisher(OffsetStore offsets) {
        this.offsets = offsets;
    }

    /** Completes when the store has the table (or a newer one); at once when nothing changed. */
    public CompletionStage<Void> publish(String groupId, GroupEventResult result) {
        if (!result.ownershipChanged()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, io.roster.offsets.MemberOwnership> table = new HashMap<>();
        for (MemberOwnership member : result.ownership()) {
            table.put(member.memberId(), new io.roster.offsets.MemberOwnership(member.memberEpoch(),
                    member.previousMemberEpoch(), partitionIds(member.owned())));
        }
        return offsets.publishOwnership(groupId, result.ownershipVersion(), table).thenApply(applied -> null);
    }

    static Set<PartitionId> partitionIds(Iterable<TopicPartition> partitions) {
        Set<PartitionId> ids = new HashSet<>();
        partitions.forEach(tp -> ids.add(new PartitionId(tp.topic(), tp.partition())));
        return ids;
    }
}
