package io.roster.client.internal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes records that failed every attempt to their dead-letter topic: the original key,
 * value and headers, byte for byte, plus headers naming the error and where the record came
 * from. The producer is created on first use (on a worker thread), idempotent and with
 * {@code acks=all}.
 */
final class DeadLetterPublisher {

    static final String ERROR_CLASS = "roster.dlq.error.class";
    static final String ERROR_MESSAGE = "roster.dlq.error.message";
    static final String TOPIC = "roster.dlq.original.topic";
    static final String PARTITION = "roster.dlq.original.partition";
    static final String OFFSET = "roster.dlq.original.offset";
    static final String ATTEMPTS = "roster.dlq.attempts";

    private final Vertx vertx;
    private final Map<String, Object> kafkaProperties;
    private Future<KafkaProducer<byte[], byte[]>> producer;

    DeadLetterPublisher(Vertx vertx, Map<String, String> consumerProperties) {
        this.vertx = vertx;
        this.kafkaProperties = producerProperties(consumerProperties);
    }

    Future<Void> publish(String topic, ConsumerRecord<byte[], byte[]> record, Throwable cause, int attempts) {
        if (producer == null) {
            // Building a Kafka producer loads classes, registers JMX beans, resolves addresses: not on the event loop.
            producer = vertx.executeBlocking(() -> new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(
                    kafkaProperties)).map(built -> KafkaProducer.create(vertx, built));
        }
        KafkaProducerRecord<byte[], byte[]> letter = KafkaProducerRecord.create(topic, record.key(), record.value());
        for (Header header : record.headers()) {
            letter.addHeader(KafkaHeader.header(header.key(), Buffer.buffer(header.value())));
        }
        letter.addHeader(ERROR_CLASS, cause.getClass().getName())
                .addHeader(ERROR_MESSAGE, String.valueOf(cause.getMessage()))
                .addHeader(TOPIC, record.topic())
                .addHeader(PARTITION, Integer.toString(record.partition()))
                .addHeader(OFFSET, Long.toString(record.offset()))
                .addHeader(ATTEMPTS, Integer.toString(attempts));
        return producer.compose(built -> built.send(letter)).mapEmpty();
    }

    Future<Void> close() {
        return producer == null ? Future.succeededFuture()
                : producer.compose(KafkaProducer::close, failedToBuild -> Future.succeededFuture());
    }

    /** The connection settings of the consumer's properties, for a byte-array producer. */
    private static Map<String, Object> producerProperties(Map<String, String> consumer) {
        Map<String, Object> producer = new HashMap<>();
        consumer.forEach((name, value) -> {
            if (name.equals("bootstrap.servers") || name.equals("client.dns.lookup") || name.startsWith("security.")
                    || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                producer.put(name, value);
            }
        });
        producer.put("key.serializer", ByteArraySerializer.class);
        producer.put("value.serializer", ByteArraySerializer.class);
        producer.put("acks", "all");
        producer.put("enable.idempotence", "true");
        return producer;
    }
}
