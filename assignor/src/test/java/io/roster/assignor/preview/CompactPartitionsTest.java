package io.roster.assignor.preview;

import io.roster.assignor.TopicPartitionSet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CompactPartitionsTest {

    @Test
    void consecutivePartitionsBecomeRangesAndTopicsFollowNameOrder() {
        TopicPartitionSet partitions = TopicPartitionSet.builder()
                .add("payments", 1)
                .add("orders", 7).add("orders", 0).add("orders", 1).add("orders", 2).add("orders", 3)
                .build();

        assertEquals("orders[0-3,7] payments[1]", CompactPartitions.format(partitions));
    }

    @Test
    void runsOfTwoAndSingletonsBetweenRanges() {
        TopicPartitionSet partitions = TopicPartitionSet.ofTopic("t", 0, 2, 3, 5, 7, 8, 9, 11);

        assertEquals("t[0,2-3,5,7-9,11]", CompactPartitions.format(partitions));
    }

    @Test
    void emptySetIsEmpty() {
        assertEquals("", CompactPartitions.format(TopicPartitionSet.empty()));
    }
}
