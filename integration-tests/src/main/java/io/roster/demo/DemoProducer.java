package io.roster.demo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes keyed orders ({@code customer-<n>} = {@code order-<sequence>}) at a steady rate on a
 * thread of its own, and notes every record Kafka acknowledges in the ledger. The rate is kept
 * over time: after a stall it catches up rather than losing the records it owed.
 */
final class DemoProducer implements AutoCloseable {

    private static final int CUSTOMERS = 1_000;
    private static final long TICK_MS = 5;

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int perSecond;
    private final DeliveryLedger ledger;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long sent;

    DemoProducer(String bootstrapServers, String topic, int perSecond, DeliveryLedger ledger) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all", "linger.ms", 5),
                new StringSerializer(), new StringSerializer());
        this.topic = topic;
        this.perSecond = perSecond;
        this.ledger = ledger;
        this.thread = new Thread(this::produce, "demo-producer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long sent() {
        return sent;
    }

    /** Stops sending and waits (bounded) until Kafka has answered for every record sent. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(30));
    }

    private void produce() {
        long started = System.nanoTime();
        long count = 0;
        while (running) {
            long due = (System.nanoTime() - started) * perSecond / TimeUnit.SECONDS.toNanos(1);
            for (; count < due && running; count++) {
                String key = "customer-" + (count % CUSTOMERS);
                producer.send(new ProducerRecord<>(topic, key, "order-" + count), (metadata, error) -> {
                    if (error == null) {
                        ledger.produced(metadata.partition(), metadata.offset());
                    } else {
                        ledger.sendFailed();
                    }
                });
                sent = count + 1;
            }
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
