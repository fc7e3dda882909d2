package io.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.client.CommitPolicy;
import io.roster.client.FailurePolicy;
import io.roster.client.RetryPolicy;
import io.roster.coordinator.testing.Await;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A handler that fails: redelivery from the committed offset, and a poison record in the dead-letter topic. */
class HandlerFailureTest {

    @RegisterExtension
    static final RosterCluster cluster = RosterCluster.withNodes(1);

    @Test
    void aRecordThatFailsTwiceIsRedeliveredFromTheCommittedOffsetWithTheRecordsBeforeIt() {
        cluster.kafka().createTopic("flaky", 1);
        cluster.kafka().produce("flaky", 0, 20);
        Ledger ledger = new Ledger();
        List<String> deliveries = new ArrayList<>();
        // Manual commits, never made: the committed offset stays at the start, so a rollback redelivers from 0.
        TestConsumer consumer = TestConsumer.start("flaky", cluster.consumerConfig("flaky-group", "flaky")
                .commitPolicy(CommitPolicy.manual())
                .retryPolicy(RetryPolicy.attempts(3, Duration.ofMillis(50))).build(), ledger, record -> {
            synchronized (deliveries) {
                deliveries.add(record.offset() + "#" + record.attempt());
            }
            return record.offset() == 10 && record.attempt() <= 2
                    ? Future.failedFuture(new IllegalStateException("flaky downstream")) : Future.succeededFuture();
        });
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ledger.processed().size() >= 40);
            Map<Long, Long> timesProcessed = ledger.processed().stream()
                    .collect(Collectors.groupingBy(Ledger.Processed::offset, Collectors.counting()));
            for (long offset = 0; offset < 20; offset++) {
                assertEquals(offset < 10 ? 3L : 1L, timesProcessed.get(offset), "offset " + offset);
            }
            synchronized (deliveries) {
                assertTrue(deliveries.containsAll(List.of("10#1", "10#2", "10#3")), deliveries.toString());
                assertEquals("0#1", deliveries.get(deliveries.indexOf("10#1") + 1), "redelivery starts at the commit");
            }
            Await.result(consumer.consumer().commit());
            assertEquals(20L, CommittedOffsets.of(cluster.node(0), "flaky-group").get(new TopicPartition("flaky", 0)));
        } finally {
            consumer.close();
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        cluster.kafka().createTopic("poisoned", 1);
        cluster.kafka().createTopic("poisoned.dlq", 1);
        cluster.kafka().produce("poisoned", 0, 30);
        Ledger ledger = new Ledger();
        TestConsumer consumer = TestConsumer.start("poisoned", cluster.consumerConfig("poison-group", "poisoned")
                .retryPolicy(RetryPolicy.attempts(2, Duration.ofMillis(50)))
                .failurePolicy(FailurePolicy.deadLetter()).build(), ledger, record ->
                record.value().equals("value-7") ? Future.failedFuture(new IllegalArgumentException("cannot parse value-7"))
                        : Future.succeededFuture());
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> CommittedOffsets.of(cluster.node(0), "poison-group")
                    .getOrDefault(new TopicPartition("poisoned", 0), 0L) == 30L);
            assertTrue(ledger.processed().stream().noneMatch(p -> p.offset() == 7), "the poison was never processed");
            assertTrue(ledger.processed().stream().anyMatch(p -> p.offset() == 29), "records after it were");

            List<ConsumerRecord<String, String>> letters = readAll("poisoned.dlq", 1);
            assertEquals(1, letters.size());
            ConsumerRecord<String, String> letter = letters.get(0);
            assertEquals("key-7", letter.key());
            assertEquals("value-7", letter.value());
            assertEquals("poisoned", header(letter, "roster.dlq.original.topic"));
            assertEquals("0", header(letter, "roster.dlq.original.partition"));
            assertEquals("7", header(letter, "roster.dlq.original.offset"));
            assertEquals(IllegalArgumentException.class.getName(), header(letter, "roster.dlq.error.class"));
            assertEquals("cannot parse value-7", header(letter, "roster.dlq.error.message"));
        } finally {
            consumer.close();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafka().bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            reader.assign(List.of(new TopicPartition(topic, 0)));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}
