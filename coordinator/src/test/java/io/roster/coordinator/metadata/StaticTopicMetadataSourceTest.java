package io.roster.coordinator.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.roster.coordinator.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class StaticTopicMetadataSourceTest {

    private final StaticTopicMetadataSource source = new StaticTopicMetadataSource();
    private final List<String> heard = new ArrayList<>();

    StaticTopicMetadataSourceTest() {
        source.addChangeListener(change -> heard.add(change.describe()));
    }

    @Test
    void listenersHearPartitionCountChangesOnly() {
        source.setTopic("orders", 3).setTopic("audit", 1);
        source.setTopic("orders", 3);
        source.setTopic(new TopicInfo("audit", 1, List.of(Set.of("rack-a"))));
        source.setTopic("orders", 6).removeTopic("audit").removeTopic("never-there");

        assertEquals(List.of("orders new(3)", "audit new(1)", "orders 3->6", "audit gone"), heard);
        assertEquals(6, source.current().partitionCount("orders"));
    }

    @Test
    void setTopicsReplacesEverything() {
        source.setTopic("orders", 3);
        source.setTopics(TopicMetadata.ofPartitionCounts(Map.of("payments", 2)));

        assertEquals(Set.of("payments"), source.current().topicNames());
        assertEquals(List.of("orders new(3)", "orders gone, payments new(2)"), heard);
    }

    @Test
    void ensureKnownAnswersAtOnceWithUnknownTopicsAbsent() {
        source.setTopic("orders", 3);

        TopicMetadata metadata = Await.result(source.ensureKnown(Set.of("orders", "missing")));

        assertEquals(3, metadata.partitionCount("orders"));
        assertNull(metadata.topic("missing"));
    }

    @Test
    void logEndOffsetsAreWhatWasSetOrZeroAndOnlyForExistingPartitions() {
        source.setTopic("orders", 2).setLogEndOffset(new TopicPartition("orders", 0), 42);

        Map<TopicPartition, Long> ends = Await.result(source.logEndOffsets(Set.of(new TopicPartition("orders", 0),
                new TopicPartition("orders", 1), new TopicPartition("orders", 2), new TopicPartition("missing", 0))));

        assertEquals(Map.of(new TopicPartition("orders", 0), 42L, new TopicPartition("orders", 1), 0L), ends);
    }

    @Test
    void anUnavailableClusterFailsWhatWouldNeedItAndNothingElse() {
        source.setTopic("orders", 2).unavailable(new IllegalStateException("broker down"));

        assertInstanceOf(MetadataUnavailableException.class, Await.failure(source.ensureKnown(Set.of("missing"))));
        assertInstanceOf(MetadataUnavailableException.class,
                Await.failure(source.logEndOffsets(Set.of(new TopicPartition("orders", 0)))));
        assertEquals(2, Await.result(source.ensureKnown(Set.of("orders"))).partitionCount("orders"));

        source.unavailable(null);
        assertEquals(Map.of(new TopicPartition("orders", 0), 0L),
                Await.result(source.logEndOffsets(Set.of(new TopicPartition("orders", 0)))));
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        StaticTopicMetadataSource throwing = new StaticTopicMetadataSource();
        List<Set<String>> changes = new ArrayList<>();
        throwing.addChangeListener(change -> {
            throw new IllegalStateException("listener bug (expected by this test)");
        });
        throwing.addChangeListener(change -> changes.add(change.changedTopics()));

        throwing.setTopic("orders", 1);

        assertEquals(List.of(Set.of("orders")), changes);
    }

    @Test
    void withAContextListenersRunOnIt() {
        Vertx vertx = Vertx.vertx();
        try {
            Context context = vertx.getOrCreateContext();
            StaticTopicMetadataSource onContext = new StaticTopicMetadataSource(context);
            List<Context> calledOn = new CopyOnWriteArrayList<>();
            onContext.addChangeListener(change -> calledOn.add(Vertx.currentContext()));

            onContext.setTopic("orders", 1);

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> calledOn.size() == 1);
            assertSame(context, calledOn.get(0));
        } finally {
            Await.result(vertx.close());
        }
    }

    @Test
    void aClosedSourceRefusesCalls() {
        source.setTopic("orders", 1);
        Await.result(source.close());

        assertTrue(Await.failure(source.ensureKnown(Set.of("orders"))) instanceof IllegalStateException);
    }
}
