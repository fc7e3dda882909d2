package io.roster.coordinator.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.vertx.kafka.admin.TopicDescription;
import io.vertx.kafka.client.common.Node;
import io.vertx.kafka.client.common.TopicPartitionInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The conversion alone, on descriptions built by hand: cases a one-broker cluster cannot show. */
class TopicDescriptionsTest {

    @Test
    void partitionsAreIndexedByNumberWhateverOrderKafkaListsThem() {
        TopicInfo topic = TopicDescriptions.toTopicInfo(topic("orders",
                partition(2, node(3, "c")), partition(0, node(1, "a"), node(2, "b")), partition(1, node(2, "b"))));

        assertEquals(3, topic.partitionCount());
        assertEquals(List.of(Set.of("a", "b"), Set.of("b"), Set.of("c")), topic.partitionRacks());
    }

    @Test
    void aPartitionWhoseReplicasHaveNoRackGetsNoneWhileTheOthersKeepTheirs() {
        TopicInfo topic = TopicDescriptions.toTopicInfo(topic("orders",
                partition(0, node(1, "a")), partition(1, node(4, null))));

        assertEquals(List.of(Set.of("a"), Set.of()), topic.partitionRacks());
    }

    @Test
    void racksAreUnknownWhenNoReplicaHasOne() {
        TopicInfo topic = TopicDescriptions.toTopicInfo(topic("orders", partition(0, node(1, null)), partition(1, node(1, ""))));

        assertEquals(2, topic.partitionCount());
        assertFalse(topic.hasRacks());
    }

    @Test
    void kafkasOwnTopicsAreLeftOut() {
        TopicDescription offsets = topic("__consumer_offsets", partition(0, node(1, null))).setInternal(true);
        TopicDescription remoteLog = topic("__remote_log_metadata", partition(0, node(1, null)));

        TopicMetadata metadata = TopicDescriptions.toTopicMetadata(
                List.of(offsets, remoteLog, topic("orders", partition(0, node(1, null)))));

        assertEquals(Set.of("orders"), metadata.topicNames());
        assertNull(metadata.topic("__consumer_offsets"));
    }

    private static TopicDescription topic(String name, TopicPartitionInfo... partitions) {
        return new TopicDescription().setName(name).setPartitions(Arrays.asList(partitions));
    }

    private static TopicPartitionInfo partition(int number, Node... replicas) {
        return new TopicPartitionInfo().setPartition(number).setReplicas(Arrays.asList(replicas));
    }

    private static Node node(int id, String rack) {
        return new Node().setId(id).setHost("broker-" + id).setPort(9092).setRack(rack).setHasRack(rack != null);
    }
}
