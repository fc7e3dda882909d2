package io.roster.client.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.client.FailurePolicy;
import io.roster.client.RosterConsumerConfig;
import io.roster.client.internal.FakeCoordinator.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's side of a partition's services, without starting it (no Kafka consumer, no
 * coordinator); and its reconciliation, started against a scripted coordinator and a Kafka
 * address where nothing listens (partitions stay unpositioned). The end-to-end behaviour is in
 * integration-tests.
 */
class ConsumerEngineTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ConsumerRecord<byte[], byte[]> POISON = new ConsumerRecord<>("orders", 0, 42, new byte[0],
            new byte[0]);

    @RegisterExtension
    final TestVertx vertx = new TestVertx();

    private ConsumerEngine<String, String> engine(FailurePolicy failure, String bootstrapServers) {
        RosterConsumerConfig config = RosterConsumerConfig.builder().coordinators("127.0.0.1:1").groupId("orders-app")
                .topics("orders").kafkaProperty("bootstrap.servers", bootstrapServers).failurePolicy(failure).build();
        return new ConsumerEngine<>(vertx.vertx(), vertx.context(), config, new StringDeserializer(),
                new StringDeserializer(), record -> Future.succeededFuture());
    }

    /** The worker waits for the future: a dead letter that throws instead would leave its partition stuck. */
    private Throwable deadLetterFailure(ConsumerEngine<String, String> engine) {
        return Await.failure(vertx.onContext(() -> engine.deadLetter(POISON, new IllegalStateException("bad"), 3)));
    }

    @Test
    void aDeadLetterNamingThatGivesNoTopicIsAFailedPublish() {
        Throwable failure = deadLetterFailure(engine(FailurePolicy.deadLetter(topic -> " "), "127.0.0.1:9"));

        assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(failure.getMessage().contains("'orders'"), failure.getMessage());
    }

    @Test
    void aDeadLetterProducerThatCannotBeCreatedIsAFailedPublish() {
        Throwable failure = deadLetterFailure(engine(FailurePolicy.deadLetter(), "not a host and port"));

        assertInstanceOf(KafkaException.class, failure);
    }

    @Test
    void aPartitionReleasedAtOnceIsReleasedAgainWhenRevokedAgain() {
        FakeCoordinator coordinator = FakeCoordinator.start(vertx.vertx());
        // Revoked before it was positioned: nothing in flight, nothing to commit, so the first release
        // completes at once. The second revocation of the same partition must release it again.
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0), Set.of()),
                Reply.heartbeat("m-1", 1, Set.of(), Set.of(P0)), Reply.heartbeat("m-1", 2, Set.of(P0), Set.of()),
                Reply.heartbeat("m-1", 2, Set.of(), Set.of(P0)), Reply.heartbeat("m-1", 3, Set.of(), Set.of()));
        coordinator.answer("offsets", body -> Reply.ok(new JsonObject().put("offsets", new JsonArray())));
        RosterConsumerConfig config = RosterConsumerConfig.builder().coordinators(coordinator.address())
                .groupId("orders-app").topics("orders").kafkaProperty("bootstrap.servers", "127.0.0.1:9")
                .kafkaProperty("default.api.timeout.ms", "500").build();
        ConsumerEngine<String, String> engine = new ConsumerEngine<>(vertx.vertx(), vertx.context(), config,
                new StringDeserializer(), new StringDeserializer(), record -> Future.succeededFuture());
        try {
            Await.result(vertx.onContext(engine::start));
            // join; the heartbeat once the push channel is open (P0 revoked); the one after the release (P0 again)
            await().atMost(WAIT).until(() -> coordinator.requests("heartbeat").size() >= 3);
            coordinator.push("m-1");
            await().atMost(WAIT).until(() -> coordinator.requests("heartbeat").size() >= 5);

            JsonObject afterSecondRelease = coordinator.requests("heartbeat").get(4).body();
            assertEquals(new JsonArray(), afterSecondRelease.getJsonArray("ownedPartitions"));
        } finally {
            Await.result(vertx.onContext(engine::abort));
            coordinator.close();
        }
    }
}
