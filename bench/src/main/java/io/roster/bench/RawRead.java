package io.roster.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One read of the whole topic by a plain vertx-kafka-client consumer, as an application without Roster
 * would write it: {@code assign()} of every partition, {@code seek()} to 0, then a record handler that only
 * counts ({@link ReadToEnd}). The Kafka consumer gets the properties the SDK gives its own (see
 * {@link #kafkaProperties}), with String deserializers, as the SDK's String consumer has.
 */
final class RawRead {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private RawRead() {
    }

    /**
     * What the SDK's consumer engine sets on top of the application's properties ({@code bootstrap.servers}
     * only, here): deserializers, no auto commit, the offset reset. Everything else, fetch sizes and
     * {@code max.poll.records} among them, is Kafka's default on both sides.
     */
    static Map<String, Object> kafkaProperties(Map<String, String> common) {
        Map<String, Object> properties = new HashMap<>(common);
        properties.put("key.deserializer", StringDeserializer.class);
        properties.put("value.deserializer", StringDeserializer.class);
        properties.put("enable.auto.commit", "false");
        properties.put("auto.offset.reset", "earliest");
        return properties;
    }

    /** The clock runs from just before the Kafka consumer is built to the last record handled. */
    static ReadToEnd.Timing read(Vertx vertx, PreloadedTopic topic, Map<String, String> common, Duration timeout) {
        ReadToEnd progress = new ReadToEnd(topic.ends());
        Map<String, Object> properties = kafkaProperties(common);
        Set<io.vertx.kafka.client.common.TopicPartition> partitions = new LinkedHashSet<>();
        for (TopicPartition tp : topic.partitions()) {
            partitions.add(new io.vertx.kafka.client.common.TopicPartition(tp.topic(), tp.partition()));
        }
        Context context = vertx.getOrCreateContext();
        AtomicReference<KafkaConsumer<String, String>> consumer = new AtomicReference<>();
        progress.start();
        try {
            // As the SDK does: the Kafka consumer is built on a worker thread, the rest runs on the context.
            ContextAwait.call(context, () -> vertx.executeBlocking(
                            () -> new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(properties))
                    .compose(kafka -> {
                        KafkaConsumer<String, String> created = KafkaConsumer.create(vertx, kafka);
                        consumer.set(created);
                        return created.assign(partitions);
                    })
                    .compose(assigned -> {
                        List<Future<Void>> seeks = new ArrayList<>();
                        partitions.forEach(tp -> seeks.add(consumer.get().seek(tp, 0)));
                        return Future.all(seeks);
                    })
                    .map(sought -> {
                        // Setting the handler starts the polling: only once every partition is positioned.
                        consumer.get().exceptionHandler(progress::fail)
                                .handler(record -> progress.record(record.partition(), record.offset()));
                        return null;
                    }), timeout, "starting the raw consumer");
            return progress.await(timeout, "the raw consumer");
        } finally {
            if (consumer.get() != null) {
                ContextAwait.call(context, () -> consumer.get().close(), CLOSE_TIMEOUT, "closing the raw consumer");
            }
        }
    }
}
