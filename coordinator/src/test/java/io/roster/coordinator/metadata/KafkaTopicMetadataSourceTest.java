package io.roster.coordinator.metadata;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.roster.coordinator.testing.Await;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real in-JVM broker that has {@code broker.rack=rack-a}; each test has its own topics. */
class KafkaTopicMetadataSourceTest {

    private static final EmbeddedKafkaBroker KAFKA = new EmbeddedKafkaBroker().rack("rack-a");
    /** Long enough that a test which must not rely on the timer never sees it fire. */
    private static final long NO_TIMER_MS = TimeUnit.MINUTES.toMillis(10);

    private static Vertx vertx;
    private final List<Throwable> escaped = new CopyOnWriteArrayList<>();
    private KafkaTopicMetadataSource source;

    @BeforeAll
    static void startKafka() {
        KAFKA.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopKafka() {
        Await.result(vertx.close());
        KAFKA.close();
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            Await.result(source.close());
        }
        assertEquals(List.of(), escaped, "exceptions escaped to Vert.x");
    }

    @Test
    void snapshotHoldsTheTopicsWithTheirPartitionCountsButNotKafkasOwn() throws Exception {
        KAFKA.createTopic("snapshot-orders", 3);
        KAFKA.createTopic("snapshot-audit", 1);
        // Asking for a group's offsets makes the broker create __consumer_offsets.
        KAFKA.admin().listConsumerGroupOffsets("snapshot-probe").all().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> KAFKA.admin()
                .listTopics(new ListTopicsOptions().listInternal(true)).names().get().contains("__consumer_offsets"));

        TopicMetadata snapshot = start(NO_TIMER_MS).current();

        assertEquals(3, snapshot.partitionCount("snapshot-orders"));
        assertEquals(1, snapshot.partitionCount("snapshot-audit"));
        assertNull(snapshot.topic("__consumer_offsets"));
        assertTrue(snapshot.topicNames().stream().noneMatch(name -> name.startsWith("__")), snapshot::toString);
    }

    @Test
    void partitionsCarryTheRacksOfTheirReplicasWhenBrokersHaveARack() {
        KAFKA.createTopic("racks-orders", 2);

        TopicInfo topic = start(NO_TIMER_MS).current().topic("racks-orders");

        assertTrue(topic.hasRacks());
        assertEquals(Set.of("rack-a"), topic.racksOf(0));
        assertEquals(Set.of("rack-a"), topic.racksOf(1));
    }

    @Test
    void ensureKnownReadsATopicCreatedAfterStartWithoutWaitingForTheTimer() {
        start(NO_TIMER_MS);
        KAFKA.createTopic("late-orders", 4);
        assertNull(source.current().topic("late-orders"), "the snapshot is not refreshed by itself");
        long refreshes = source.refreshCount();

        TopicMetadata metadata = Await.result(source.ensureKnown(Set.of("late-orders")));

        assertEquals(4, metadata.partitionCount("late-orders"));
        assertEquals(4, source.current().partitionCount("late-orders"));
        assertEquals(refreshes + 1, source.refreshCount());
    }

    @Test
    void ensureKnownOfAMissingTopicCompletesWithItAbsent() {
        start(NO_TIMER_MS);

        TopicMetadata metadata = Await.result(source.ensureKnown(Set.of("missing-nowhere")));

        assertNull(metadata.topic("missing-nowhere"));
    }

    @Test
    void ensureKnownOfKnownTopicsAnswersWithoutAskingKafka() {
        KAFKA.createTopic("known-orders", 2);
        start(NO_TIMER_MS);
        long refreshes = source.refreshCount();

        assertEquals(2, Await.result(source.ensureKnown(Set.of("known-orders"))).partitionCount("known-orders"));
        assertEquals(refreshes, source.refreshCount());
    }

    @Test
    void concurrentEnsureKnownCallsShareOneRefresh() {
        start(NO_TIMER_MS);
        KAFKA.createTopic("shared-a", 1);
        KAFKA.createTopic("shared-b", 2);
        long refreshes = source.refreshCount();

        List<Future<TopicMetadata>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(source.ensureKnown(i % 2 == 0 ? Set.of("shared-a") : Set.of("shared-a", "shared-b")));
        }
        Await.result(Future.all(calls));

        assertEquals(refreshes + 1, source.refreshCount());
        for (Future<TopicMetadata> call : calls) {
            assertEquals(1, call.result().partitionCount("shared-a"));
            assertEquals(2, call.result().partitionCount("shared-b"));
        }
    }

    @Test
    void addedPartitionsAreSeenOnTheNextRefreshAndTheListenerHearsOnce() {
        KAFKA.createTopic("grow-orders", 2);
        start(200);
        List<TopicMetadataChange> changes = new CopyOnWriteArrayList<>();
        List<Context> contexts = new CopyOnWriteArrayList<>();
        source.addChangeListener(change -> {
            if (change.changedTopics().contains("grow-orders")) {
                changes.add(change);
                contexts.add(Vertx.currentContext());
            }
        });

        KAFKA.addPartitions("grow-orders", 5);

        await().atMost(Duration.ofSeconds(10)).until(() -> source.current().partitionCount("grow-orders") == 5);
        long seenAt = source.refreshCount();
        // A few more refreshes that find nothing new must not tell the listener again.
        await().atMost(Duration.ofSeconds(10)).until(() -> source.refreshCount() >= seenAt + 3);
        assertEquals(1, changes.size(), changes::toString);
        assertEquals(2, changes.get(0).previous().partitionCount("grow-orders"));
        assertEquals(5, changes.get(0).current().partitionCount("grow-orders"));
        assertTrue(contexts.get(0) != null && contexts.get(0).isEventLoopContext(), "listener ran off the event loop");
    }

    @Test
    void logEndOffsetsCountTheProducedRecordsAndLeaveOutUnknownPartitions() {
        KAFKA.createTopic("offsets-orders", 2);
        KAFKA.produce("offsets-orders", 0, 7);
        KAFKA.produce("offsets-orders", 1, 3);
        start(NO_TIMER_MS);

        Map<TopicPartition, Long> ends = Await.result(source.logEndOffsets(Set.of(
                new TopicPartition("offsets-orders", 0), new TopicPartition("offsets-orders", 1),
                new TopicPartition("offsets-orders", 2), new TopicPartition("offsets-nowhere", 0))));

        assertEquals(Map.of(new TopicPartition("offsets-orders", 0), 7L, new TopicPartition("offsets-orders", 1), 3L), ends);
    }

    @Test
    void offsetsAtTheStartTheEndAndByTimeWithTheEndWhenNoRecordIsThatRecent() {
        KAFKA.createTopic("positions-orders", 1);
        KAFKA.produce("positions-orders", 0, 7);
        start(NO_TIMER_MS);
        Set<TopicPartition> p0 = Set.of(new TopicPartition("positions-orders", 0));
        TopicPartition tp = new TopicPartition("positions-orders", 0);

        assertEquals(Map.of(tp, 0L), Await.result(source.offsetsAt(p0, OffsetPosition.earliest())));
        assertEquals(Map.of(tp, 7L), Await.result(source.offsetsAt(p0, OffsetPosition.latest())));
        assertEquals(Map.of(tp, 0L), Await.result(source.offsetsAt(p0, OffsetPosition.at(0))));
        assertEquals(Map.of(tp, 7L), Await.result(source.offsetsAt(p0,
                OffsetPosition.at(System.currentTimeMillis() + 3_600_000))));
    }

    @Test
    void aClosedSourceRefusesCallsButKeepsItsLastSnapshot() {
        KAFKA.createTopic("closed-orders", 1);
        start(NO_TIMER_MS);
        Await.result(source.close());

        assertInstanceOf(IllegalStateException.class, Await.failure(source.ensureKnown(Set.of("closed-other"))));
        assertInstanceOf(IllegalStateException.class,
                Await.failure(source.logEndOffsets(Set.of(new TopicPartition("closed-orders", 0)))));
        assertEquals(1, source.current().partitionCount("closed-orders"));
        assertFalse(source.current().topicNames().isEmpty());
    }

    private KafkaTopicMetadataSource start(long refreshIntervalMs) {
        vertx.exceptionHandler(escaped::add);
        source = new KafkaTopicMetadataSource(vertx,
                KafkaMetadataConfig.forCluster(KAFKA.bootstrapServers()).withRefreshIntervalMs(refreshIntervalMs));
        Await.result(source.start());
        return source;
    }
}
