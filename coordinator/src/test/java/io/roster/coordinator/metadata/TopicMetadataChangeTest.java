package io.roster.coordinator.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicMetadataChangeTest {

    @Test
    void namesTopicsThatGrewAppearedOrDisappeared() {
        TopicMetadata before = TopicMetadata.ofPartitionCounts(Map.of("orders", 3, "legacy", 1, "audit", 2));
        TopicMetadata after = TopicMetadata.ofPartitionCounts(Map.of("orders", 6, "audit", 2, "payments", 4));

        TopicMetadataChange change = TopicMetadataChange.between(before, after);

        assertEquals(Set.of("orders", "legacy", "payments"), change.changedTopics());
        assertEquals("legacy gone, orders 3->6, payments new(4)", change.describe());
    }

    @Test
    void sameCountsAreNoChangeEvenWhenRacksMoved() {
        TopicMetadata before = TopicMetadata.of(new TopicInfo("orders", 2, List.of(Set.of("a"), Set.of("b"))));
        TopicMetadata after = TopicMetadata.of(new TopicInfo("orders", 2, List.of(Set.of("b"), Set.of("a"))));

        assertNull(TopicMetadataChange.between(before, after));
        assertNull(TopicMetadataChange.between(TopicMetadata.empty(), TopicMetadata.empty()));
    }

    @Test
    void theFirstSnapshotIsAChangeOfEveryTopic() {
        TopicMetadataChange change = TopicMetadataChange.between(TopicMetadata.empty(),
                TopicMetadata.ofPartitionCounts(Map.of("orders", 3, "audit", 0)));

        assertEquals(Set.of("orders", "audit"), change.changedTopics());
    }
}
