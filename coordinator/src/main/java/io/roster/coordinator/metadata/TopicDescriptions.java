package io.roster.coordinator.metadata;

import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.vertx.kafka.admin.TopicDescription;
import io.vertx.kafka.client.common.Node;
import io.vertx.kafka.client.common.TopicPartitionInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns the admin client's topic descriptions into the assignor's {@link TopicMetadata}. */
final class TopicDescriptions {

    private TopicDescriptions() {
    }

    /**
     * Kafka's own topics ({@code __consumer_offsets}, {@code __transaction_state},
     * {@code __share_group_state}, {@code __remote_log_metadata}) all carry this prefix; not
     * every one of them is flagged internal, and no group should ever be assigned them.
     */
    static boolean isInternal(String topic) {
        return topic.startsWith("__");
    }

    static TopicMetadata toTopicMetadata(Collection<TopicDescription> descriptions) {
        List<TopicInfo> topics = new ArrayList<>(descriptions.size());
        for (TopicDescription description : descriptions) {
            if (!description.isInternal() && !isInternal(description.getName())) {
                topics.add(toTopicInfo(description));
            }
        }
        return TopicMetadata.of(topics);
    }

    /**
     * Racks come from the replicas' nodes, known when brokers set {@code broker.rack}. When
     * no replica of the topic has a rack, the topic's racks are unknown (an empty list), which
     * rack-aware assignors treat as "place anywhere".
     */
    static TopicInfo toTopicInfo(TopicDescription description) {
        List<TopicPartitionInfo> partitions = new ArrayList<>(description.getPartitions());
        partitions.sort(Comparator.comparingInt(TopicPartitionInfo::getPartition));
        List<Set<String>> racks = new ArrayList<>(partitions.size());
        boolean anyRack = false;
        for (TopicPartitionInfo partition : partitions) {
            Set<String> partitionRacks = new HashSet<>();
            for (Node replica : partition.getReplicas()) {
                if (replica != null && replica.rack() != null && !replica.rack().isEmpty()) {
                    partitionRacks.add(replica.rack());
                }
            }
            anyRack |= !partitionRacks.isEmpty();
            racks.add(partitionRacks);
        }
        return new TopicInfo(description.getName(), partitions.size(), anyRack ? racks : List.of());
    }
}
