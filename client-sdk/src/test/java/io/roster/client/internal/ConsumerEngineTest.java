package io.roster.client.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.client.FailurePolicy;
import io.roster.client.RosterConsumerConfig;
import io.vertx.core.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's side of a partition's services, without starting it (no Kafka consumer, no
 * coordinator). The end-to-end behaviour is in integration-tests.
 */
class ConsumerEngineTest {

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
}
