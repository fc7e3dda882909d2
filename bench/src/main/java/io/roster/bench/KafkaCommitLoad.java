package io.roster.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The anchor: offset commits against the Kafka broker with kafka-clients, as a consumer that takes its partitions
 * with {@code assign()} commits them: {@code commitAsync(offsets, callback)}. Each {@link Committer} is one
 * {@code KafkaConsumer} with a group id of its own, on a thread of its own (a consumer is single-threaded), assigned
 * every partition of the topic, positioned and paused so that it never fetches. A step with {@code n} commits in
 * flight spreads them over {@code min(n, consumers)} consumers; each keeps its share in flight, the next commit
 * sent from the callback of the last. The latency of a commit is from the call to its callback, which the consumer
 * runs in {@code poll}, which the thread calls while it waits.
 */
final class KafkaCommitLoad implements AutoCloseable {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    /** How long a step may take to drain after its window: beyond Kafka's own request timeout (30 s). */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How long one {@code poll} may wait. The classic consumer returns from its network wait on any response and
     * runs the commit callbacks at once; the {@code consumer} protocol's consumer runs them only between waits, so
     * it polls every millisecond (its latencies are then up to 1 ms late).
     */
    private static Duration pollFor(String groupProtocol) {
        return groupProtocol.equals("classic") ? Duration.ofMillis(100) : Duration.ofMillis(1);
    }

    private final List<Committer> committers = new ArrayList<>();

    KafkaCommitLoad(String bootstrapServers, String topic, int partitions, int consumers, String groupProtocol) {
        try {
            List<CompletableFuture<Void>> opened = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                Committer committer = new Committer(i);
                committers.add(committer);
                opened.add(committer.open(bootstrapServers, topic, partitions, groupProtocol));
            }
            CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(SETUP_TIMEOUT.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new BenchmarkFailure("the Kafka consumers could not be set up: " + e, e);
        }
    }

    /** {@code inFlight} commits of {@code batch} partitions each in flight, over as many consumers as that needs. */
    CompletionStage<List<StepRecorder>> commits(int batch, int inFlight, long windowStart, long windowEnd) {
        int used = Math.min(inFlight, committers.size());
        List<CompletableFuture<StepRecorder>> running = new ArrayList<>();
        for (int k = 0; k < used; k++) {
            int share = inFlight / used + (k < inFlight % used ? 1 : 0);
            running.add(committers.get(k).run(batch, share, windowStart, windowEnd));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(all -> running.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> closed = committers.stream().map(Committer::close).toList();
        try {
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(SETUP_TIMEOUT.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("  the Kafka consumers did not all close: " + e);
        } finally {
            committers.forEach(c -> c.thread.shutdownNow());
        }
    }

    /** One consumer and its thread; every call to the consumer runs on that thread. */
    private static final class Committer {

        private final int index;
        private final ExecutorService thread;
        private KafkaConsumer<byte[], byte[]> consumer;
        private Duration poll;
        private List<TopicPartition> partitions;
        private int cursor;
        private long nextOffset;

        Committer(int index) {
            this.index = index;
            this.thread = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "kafka-committer-" + index);
                t.setDaemon(true);
                return t;
            });
        }

        /** Creates, assigns, positions and pauses the consumer, and commits once: the coordinator is then known. */
        CompletableFuture<Void> open(String bootstrapServers, String topic, int partitionCount, String groupProtocol) {
            return CompletableFuture.runAsync(() -> {
                Properties config = new Properties();
                config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                config.put(ConsumerConfig.GROUP_ID_CONFIG, "capacity-kafka-" + index);
                config.put(ConsumerConfig.CLIENT_ID_CONFIG, "capacity-kafka-" + index);
                config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupProtocol);
                config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
                config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
                config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
                consumer = new KafkaConsumer<>(config);
                poll = pollFor(groupProtocol);
                partitions = new ArrayList<>();
                for (int p = 0; p < partitionCount; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
                consumer.assign(partitions);
                // A known position and a pause: poll() then never fetches nor looks up offsets, it only runs the
                // network and the commit callbacks.
                partitions.forEach(p -> consumer.seek(p, 0));
                consumer.pause(partitions);
                consumer.commitSync(next(partitionCount), SETUP_TIMEOUT);
            }, thread);
        }

        CompletableFuture<StepRecorder> run(int batch, int inFlight, long windowStart, long windowEnd) {
            return CompletableFuture.supplyAsync(() -> {
                StepRecorder recorder = new StepRecorder(windowStart, windowEnd);
                int[] pending = {0};
                Runnable[] send = new Runnable[1];
                send[0] = () -> {
                    Map<TopicPartition, OffsetAndMetadata> offsets = next(batch);
                    long start = System.nanoTime();
                    pending[0]++;
                    try {
                        consumer.commitAsync(offsets, (committed, failure) -> {
                            long end = System.nanoTime();
                            pending[0]--;
                            if (failure == null) {
                                recorder.succeeded(start, end);
                            } else {
                                recorder.failed("commitAsync: " + LoadShard.describe(failure));
                            }
                            if (recorder.open(System.nanoTime())) {
                                send[0].run();
                            }
                        });
                    } catch (RuntimeException e) {
                        pending[0]--;
                        recorder.failed("commitAsync threw " + LoadShard.describe(e));
                    }
                };
                for (int i = 0; i < inFlight; i++) {
                    send[0].run();
                }
                long drainDeadline = windowEnd + DRAIN_TIMEOUT.toNanos();
                while (pending[0] > 0) {
                    if (System.nanoTime() > drainDeadline) {
                        throw new BenchmarkFailure("consumer " + index + " still had " + pending[0] + " commits in flight "
                                + DRAIN_TIMEOUT.toSeconds() + " s after the step");
                    }
                    consumer.poll(poll);
                }
                return recorder;
            }, thread);
        }

        /** The next {@code batch} partitions round the assigned ones, each at an offset one higher than before. */
        private Map<TopicPartition, OffsetAndMetadata> next(int batch) {
            OffsetAndMetadata offset = new OffsetAndMetadata(++nextOffset);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int i = 0; i < batch; i++) {
                offsets.put(partitions.get((cursor + i) % partitions.size()), offset);
            }
            cursor = (cursor + batch) % partitions.size();
            return offsets;
        }

        CompletableFuture<Void> close() {
            return CompletableFuture.runAsync(() -> {
                if (consumer != null) {
                    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
                }
            }, thread);
        }
    }
}
