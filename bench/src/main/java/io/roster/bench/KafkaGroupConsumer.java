package io.roster.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A Kafka {@code KafkaConsumer} with {@code subscribe()}, on a poll thread of its own, written as
 * an application would write it: records are processed in the poll loop, processed offsets are
 * committed with {@code commitAsync} once a second and with {@code commitSync} for the
 * partitions being revoked in {@code onPartitionsRevoked}; lost partitions are dropped without
 * a commit.
 *
 * <p>The thread exists from construction but builds the client only when {@link #start()} is
 * called. Only the poll thread touches the client; {@link #close()} and {@link #kill()} ask it to
 * stop and wake it. A graceful close leaves the group ({@code LEAVE_GROUP}); a kill closes with
 * {@code REMAIN_IN_GROUP} and commits nothing.
 */
final class KafkaGroupConsumer extends TrackedConsumer {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A consumer that is neither started nor stopped within this long gives up its thread. */
    private static final long IDLE_LIMIT_MINUTES = 30;

    private enum Stop { CLOSE, KILL }

    private final String topic;
    private final Map<String, Object> properties;
    private final ProcessingLedger.Recorder recorder;
    private final CountDownLatch go = new CountDownLatch(1);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /** Processed offsets not committed yet; poll thread only. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private volatile Stop stop;
    private volatile KafkaConsumer<String, String> consumer;

    KafkaGroupConsumer(int id, String topic, Map<String, Object> properties, ProcessingLedger.Recorder recorder) {
        super(id);
        this.topic = topic;
        this.properties = new HashMap<>(properties);
        this.properties.put("key.deserializer", StringDeserializer.class.getName());
        this.properties.put("value.deserializer", StringDeserializer.class.getName());
        this.properties.put("enable.auto.commit", "false");
        this.recorder = recorder;
        Thread thread = new Thread(this::run, "kafka-consumer-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void start() {
        go.countDown();
    }

    @Override
    public CompletableFuture<Void> close() {
        return stop(Stop.CLOSE);
    }

    @Override
    public CompletableFuture<Void> kill() {
        return stop(Stop.KILL);
    }

    private CompletableFuture<Void> stop(Stop how) {
        stop = how;
        go.countDown();
        KafkaConsumer<String, String> client = consumer;
        if (client != null) {
            client.wakeup();
        }
        return stopped;
    }

    private void run() {
        try {
            if (!go.await(IDLE_LIMIT_MINUTES, TimeUnit.MINUTES) || stop != null) {
                stopped.complete(null);
                return;
            }
            consumer = new KafkaConsumer<>(properties);
            consumer.subscribe(List.of(topic), new Listener());
            long nextCommit = System.nanoTime() + COMMIT_INTERVAL_NANOS;
            while (stop == null) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
                        recorder.processed(record.partition());
                        uncommitted.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    memberId(consumer.groupMetadata().memberId());
                    if (System.nanoTime() - nextCommit >= 0 && !uncommitted.isEmpty()) {
                        // A commit that fails (a rebalance under way) is not retried: the next one carries later offsets.
                        consumer.commitAsync(new HashMap<>(uncommitted), (offsets, error) -> { });
                        uncommitted.clear();
                        nextCommit = System.nanoTime() + COMMIT_INTERVAL_NANOS;
                    }
                } catch (WakeupException e) {
                    // close() or kill() asked: the loop condition sees it
                }
            }
            GroupMembershipOperation membership = stop == Stop.KILL ? GroupMembershipOperation.REMAIN_IN_GROUP
                    : GroupMembershipOperation.LEAVE_GROUP;
            consumer.close(CloseOptions.groupMembershipOperation(membership));
            stopped.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.completeExceptionally(e);
        } catch (RuntimeException e) {
            failed(e);
            closeQuietly();
            stopped.completeExceptionally(e);
        } finally {
            recorder.close();
        }
    }

    private void closeQuietly() {
        KafkaConsumer<String, String> client = consumer;
        if (client != null) {
            try {
                client.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException ignored) {
                // it failed already; the failure is reported
            }
        }
    }

    /** Runs on the poll thread, inside poll() or close(). */
    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = uncommitted.remove(partition);
                if (offset != null) {
                    done.put(partition, offset);
                }
            }
            removed(partitions);
            if (stop != Stop.KILL && !done.isEmpty()) {
                consumer.commitSync(done);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(uncommitted::remove);
            removed(partitions);
        }
    }
}
