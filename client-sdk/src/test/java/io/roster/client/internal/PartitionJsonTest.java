package io.roster.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionJsonTest {

    private static final Set<TopicPartition> MIXED = Set.of(new TopicPartition("orders", 10),
            new TopicPartition("audit", 2), new TopicPartition("orders", 9), new TopicPartition("orders", 0),
            new TopicPartition("audit", 1));

    @Test
    void topicsComeInNameOrderAndPartitionsAscending() {
        assertEquals("[{\"topic\":\"audit\",\"partitions\":[1,2]},{\"topic\":\"orders\",\"partitions\":[0,9,10]}]",
                PartitionJson.toJson(MIXED).encode());
    }

    @Test
    void aRoundTripGivesTheSamePartitions() {
        assertEquals(MIXED, PartitionJson.fromJson(PartitionJson.toJson(MIXED)));
    }

    @Test
    void readingKeepsTheOrderOfTheAnswer() {
        JsonArray answer = new JsonArray("[{\"topic\":\"orders\",\"partitions\":[3,1]},{\"topic\":\"audit\",\"partitions\":[0]}]");

        assertEquals(List.of(new TopicPartition("orders", 3), new TopicPartition("orders", 1),
                new TopicPartition("audit", 0)), List.copyOf(PartitionJson.fromJson(answer)));
    }

    @Test
    void nothingIsAnEmptyArrayAndAnAbsentArrayIsNothing() {
        assertEquals(new JsonArray(), PartitionJson.toJson(Set.of()));
        assertTrue(PartitionJson.fromJson(null).isEmpty());
        assertTrue(PartitionJson.fromJson(new JsonArray()).isEmpty());
    }
}
