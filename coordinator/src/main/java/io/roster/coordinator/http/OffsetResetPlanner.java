package io.roster.coordinator.http;

import io.roster.assignor.TopicPartition;
import io.roster.coordinator.metadata.OffsetPosition;
import io.roster.coordinator.metadata.TopicMetadataSource;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.PartitionId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Works out the offsets an {@link OffsetResetRequest} sets, asking Kafka where the mode
 * needs it. Stores nothing: the caller applies the plan, or shows it for a dry run.
 */
final class OffsetResetPlanner {

    private final TopicMetadataSource metadata;

    OffsetResetPlanner(TopicMetadataSource metadata) {
        this.metadata = metadata;
    }

    /**
     * @param newOffsets the offsets to set, in partition order
     * @param previous   the committed offsets before, of the group's partitions
     * @param kafka      for shift-by: {@code available} (clamped to the log) or {@code unavailable}
     *                   (not clamped); {@code null} for the other modes
     */
    record Plan(Map<PartitionId, Long> newOffsets, Map<PartitionId, CommittedOffset> previous, String kafka) {

        JsonObject toJson(String group, OffsetResetRequest request) {
            JsonArray list = new JsonArray();
            newOffsets.forEach((partition, offset) -> {
                CommittedOffset before = previous.get(partition);
                list.add(new JsonObject().put("topic", partition.topic()).put("partition", partition.partition())
                        .put("previousOffset", before == null ? null : before.offset()).put("newOffset", offset));
            });
            JsonObject json = new JsonObject().put("groupId", group).mergeIn(request.describe())
                    .put("dryRun", request.dryRun()).put("applied", !request.dryRun()).put("offsets", list);
            if (kafka != null) {
                json.put("kafka", kafka);
            }
            return json;
        }
    }

    Future<Plan> plan(OffsetResetRequest request, Map<PartitionId, CommittedOffset> committed) {
        return partitions(request, committed).compose(partitions -> switch (request.mode()) {
            case TO_EARLIEST -> fromKafka(partitions, OffsetPosition.earliest(), committed);
            case TO_LATEST -> fromKafka(partitions, OffsetPosition.latest(), committed);
            case TO_DATETIME -> fromKafka(partitions, OffsetPosition.at(request.timestampMs()), committed);
            case TO_OFFSET -> {
                Map<PartitionId, Long> offsets = new TreeMap<>();
                partitions.forEach(p -> offsets.put(p, request.offset()));
                yield Future.succeededFuture(new Plan(offsets, committed, null));
            }
            case SHIFT_BY -> shifted(partitions, request.shift(), committed);
        });
    }

    /** The partitions of the named topics, or those with a committed offset. */
    private Future<Set<PartitionId>> partitions(OffsetResetRequest request, Map<PartitionId, CommittedOffset> committed) {
        if (request.topics() == null) {
            if (committed.isEmpty()) {
                return Future.failedFuture(ApiException.invalid("the group has no committed offsets: name the "
                        + "topics to reset in field 'topics'"));
            }
            return Future.succeededFuture(new TreeSet<>(committed.keySet()));
        }
        return metadata.ensureKnown(request.topics()).map(known -> {
            Set<PartitionId> partitions = new TreeSet<>();
            for (String topic : new TreeSet<>(request.topics())) {
                int count = known.partitionCount(topic);
                if (count < 0) {
                    throw ApiException.invalid("field 'topics': topic '" + topic + "' does not exist");
                }
                for (int p = 0; p < count; p++) {
                    partitions.add(new PartitionId(topic, p));
                }
            }
            return partitions;
        });
    }

    private Future<Plan> fromKafka(Set<PartitionId> partitions, OffsetPosition position,
                                   Map<PartitionId, CommittedOffset> committed) {
        return metadata.offsetsAt(topicPartitions(partitions), position).map(found -> {
            Map<PartitionId, Long> offsets = new TreeMap<>();
            for (PartitionId p : partitions) {
                Long offset = found.get(new TopicPartition(p.topic(), p.partition()));
                if (offset == null) {
                    throw ApiException.invalid("partition " + p + " does not exist in Kafka");
                }
                offsets.put(p, offset);
            }
            return new Plan(offsets, committed, null);
        });
    }

    /**
     * Each committed offset moved by {@code shift}, clamped to the partition's log when Kafka
     * answers; without Kafka the shifted offsets are used as they are, and must not be negative.
     */
    private Future<Plan> shifted(Set<PartitionId> partitions, long shift, Map<PartitionId, CommittedOffset> committed) {
        for (PartitionId p : partitions) {
            if (!committed.containsKey(p)) {
                return Future.failedFuture(ApiException.invalid("partition " + p
                        + " has no committed offset to shift"));
            }
        }
        Set<TopicPartition> asked = topicPartitions(partitions);
        Future<Map<TopicPartition, Long>> starts = metadata.offsetsAt(asked, OffsetPosition.earliest());
        Future<Map<TopicPartition, Long>> ends = metadata.offsetsAt(asked, OffsetPosition.latest());
        return Future.all(starts, ends).map(both -> Optional.of(both))
                .otherwise(failure -> Optional.empty())
                .map(bounds -> {
                    Map<PartitionId, Long> offsets = new TreeMap<>();
                    for (PartitionId p : partitions) {
                        long old = committed.get(p).offset();
                        long next = saturatedAdd(old, shift);
                        if (bounds.isPresent()) {
                            TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                            Long start = starts.result().get(tp);
                            Long end = ends.result().get(tp);
                            if (start != null && end != null) {
                                next = Math.max(start, Math.min(end, next));
                            }
                        }
                        if (next < 0) {
                            throw ApiException.invalid("shift " + shift + " takes partition " + p + " from " + old
                                    + " to " + next + ": an offset must not be negative");
                        }
                        offsets.put(p, next);
                    }
                    return new Plan(offsets, committed, bounds.isPresent() ? "available" : "unavailable");
                });
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // Overflow only when both have the same sign and the sum's sign differs.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    private static Set<TopicPartition> topicPartitions(Set<PartitionId> partitions) {
        Set<TopicPartition> result = new HashSet<>();
        partitions.forEach(p -> result.add(new TopicPartition(p.topic(), p.partition())));
        return result;
    }
}
