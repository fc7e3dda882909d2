package io.roster.coordinator.metadata;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.assignor.TopicPartition;
import io.roster.coordinator.testing.Await;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broker without {@code broker.rack}, stopped and restarted under the source. A class of
 * its own because it takes its broker away.
 */
class KafkaTopicMetadataSourceOutageTest {

    private static final EmbeddedKafkaBroker KAFKA = new EmbeddedKafkaBroker();
    private static Vertx vertx;

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

    @Test
    void racksAreUnknownWhenBrokersHaveNone() {
        KAFKA.createTopic("norack-orders", 2);
        KafkaTopicMetadataSource source = newSource(60_000);
        try {
            Await.result(source.start());

            assertEquals(2, source.current().partitionCount("norack-orders"));
            assertFalse(source.current().topic("norack-orders").hasRacks());
        } finally {
            Await.result(source.close());
        }
    }

    @Test
    void whileTheBrokerIsDownTheLastSnapshotStaysAndCallsFailClearlyThenItRecovers() {
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        vertx.exceptionHandler(escaped::add);
        KAFKA.createTopic("outage-orders", 3);
        KafkaTopicMetadataSource source = newSource(200);
        try {
            Await.result(source.start());
            assertEquals(3, source.current().partitionCount("outage-orders"));

            KAFKA.stop();
            long beforeOutage = source.refreshCount();
            await().atMost(Duration.ofSeconds(20)).until(() -> source.refreshCount() >= beforeOutage + 2);

            assertEquals(3, source.current().partitionCount("outage-orders"), "the last good snapshot stays in use");
            Throwable refresh = Await.failure(source.ensureKnown(Set.of("outage-new")));
            assertInstanceOf(MetadataUnavailableException.class, refresh);
            assertTrue(refresh.getMessage().contains("cannot refresh the topic metadata of the Kafka cluster at "
                    + KAFKA.bootstrapServers()), refresh.getMessage());
            Throwable offsets = Await.failure(source.logEndOffsets(Set.of(new TopicPartition("outage-orders", 0))));
            assertInstanceOf(MetadataUnavailableException.class, offsets);
            assertTrue(offsets.getMessage().contains("cannot read the log end offsets"), offsets.getMessage());

            KAFKA.restart();
            KAFKA.createTopic("outage-new", 1);

            // The timer kept trying: the new topic shows up without anyone asking for it.
            await().atMost(Duration.ofSeconds(20)).until(() -> source.current().partitionCount("outage-new") == 1);
            assertEquals(3, source.current().partitionCount("outage-orders"));
            assertEquals(List.of(), escaped, "exceptions escaped to Vert.x");
        } finally {
            Await.result(source.close());
        }
    }

    private static KafkaTopicMetadataSource newSource(long refreshIntervalMs) {
        // A short request timeout, so that the lost broker is reported in about a second.
        return new KafkaTopicMetadataSource(vertx, KafkaMetadataConfig.forCluster(KAFKA.bootstrapServers())
                .withRefreshIntervalMs(refreshIntervalMs).withRequestTimeoutMs(1_000));
    }
}
