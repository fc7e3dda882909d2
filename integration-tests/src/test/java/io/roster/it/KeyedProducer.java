package io.roster.it;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes keyed records ({@code key-0..key-<keys-1>}, value {@code <key>#<sequence of that key>})
 * at a steady rate on a thread of its own until stopped or until its time is up, and notes
 * every acknowledged record in the ledger.
 */
public final class KeyedProducer implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int keys;
    private final int perSecond;
    private final Ledger ledger;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;

    public KeyedProducer(String bootstrapServers, String topic, int keys, int perSecond, Duration atMost, Ledger ledger) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
        this.topic = topic;
        this.keys = keys;
        this.perSecond = perSecond;
        this.ledger = ledger;
        long deadline = System.nanoTime() + atMost.toNanos();
        this.thread = new Thread(() -> run(deadline), "keyed-producer-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    public long sent() {
        return sent.get();
    }

    /** Stops producing and waits until every record sent is acknowledged. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
        producer.close(Duration.ofSeconds(30));
    }

    private void run(long deadline) {
        long[] sequences = new long[keys];
        long pauseNanos = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        int i = 0;
        while (running.get() && System.nanoTime() < deadline) {
            int k = i++ % keys;
            String key = "key-" + k;
            String value = key + "#" + sequences[k]++;
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    ledger.produced(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(),
                            key, value);
                }
            });
            sent.incrementAndGet();
            next += pauseNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }
}
