package io.roster.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One producer thread that writes small records to every partition in turn at a fixed total
 * rate for as long as it runs: each partition gets a record every {@code partitions / rate}
 * seconds. It keeps to the schedule (late ticks catch up), so consumers see a steady stream
 * whatever the rebalances do. Producer defaults otherwise ({@code acks=all}, {@code linger.ms=5}).
 */
final class SteadyProducer implements AutoCloseable {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String VALUE = "0123456789abcdef";

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int partitions;
    private final int recordsPerSecond;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    SteadyProducer(String bootstrapServers, String topic, int partitions, int recordsPerSecond) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-producer");
        this.producer = new KafkaProducer<>(config);
        this.topic = topic;
        this.partitions = partitions;
        this.recordsPerSecond = recordsPerSecond;
        this.thread = new Thread(this::run, "steady-producer");
        thread.setDaemon(true);
        thread.start();
    }

    long sent() {
        return sent.get();
    }

    /** Sends the broker refused or could not take. */
    long failed() {
        return failed.get();
    }

    private void run() {
        long start = System.nanoTime();
        long count = 0;
        while (running) {
            long due = (System.nanoTime() - start) * recordsPerSecond / 1_000_000_000L;
            while (count < due && running) {
                producer.send(new ProducerRecord<>(topic, (int) (count % partitions), null, VALUE), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
                count++;
                sent.set(count);
            }
            // Pacing, not waiting for a condition: the next records are due in about a tick.
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
