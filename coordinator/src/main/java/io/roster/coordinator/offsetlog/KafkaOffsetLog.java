package io.roster.coordinator.offsetlog;

import io.roster.offsets.DurableOffsetLog;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.OffsetsUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable offset log as a compacted Kafka topic, as Kafka keeps its own {@code __consumer_offsets}.
 *
 * <ul>
 *   <li>The topic is created on first use if missing ({@code cleanup.policy=compact}, the configured
 *       partitions and replication; {@code min.insync.replicas=2} when it has 3 replicas or more). An
 *       existing topic that is not compacted is refused: it would drop offsets after its retention.</li>
 *   <li>Key: group, topic and partition ({@link OffsetLogCodec}), so compaction keeps the last record of
 *       each. All records of one group go to one partition of the topic (murmur2 of the group id, as
 *       Kafka's producer hashes keys), so they are stored in the order they were sent.</li>
 *   <li>One idempotent producer ({@code acks=all}), so a retried send is neither duplicated nor
 *       reordered. Its request, delivery and blocking timeouts are all {@code timeoutMs}: a write that
 *       cannot be acknowledged in that time fails instead of lingering for Kafka's default two minutes.</li>
 * </ul>
 *
 * <p>Do not add partitions to the topic: a group would then hash to another partition and its records
 * would no longer be in one order.
 *
 * <p>Blocking: {@link #append} may block up to {@code timeoutMs} while the topic is created or its metadata
 * is fetched, {@link #replay} blocks until done; call neither from an event loop.
 */
public final class KafkaOffsetLog implements DurableOffsetLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsetLog.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaOffsetLogConfig config;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Object topicLock = new Object();
    private Admin admin; // guarded by topicLock
    private volatile int partitionCount;

    public KafkaOffsetLog(KafkaOffsetLogConfig config) {
        this.config = config;
        this.producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public KafkaOffsetLogConfig config() {
        return config;
    }

    /**
     * Creates the topic if it is missing and learns its partition count; a no-op once that succeeded.
     * Blocks at most about three times {@code timeoutMs}.
     *
     * @throws OffsetsUnavailableException if Kafka does not answer, refuses, or the topic is not compacted
     */
    public void ensureTopic() {
        if (partitionCount > 0) {
            return;
        }
        synchronized (topicLock) {
            if (partitionCount > 0) {
                return;
            }
            if (admin == null) {
                admin = Admin.create(new HashMap<String, Object>(clientProperties("admin")));
            }
            NewTopic topic = new NewTopic(config.topic(), config.partitions(), config.replicationFactor())
                    .configs(topicConfigs());
            try {
                get(admin.createTopics(List.of(topic)).all());
                LOG.info("[offsets-log] created topic {}: {} partitions, replication factor {}, compacted",
                        config.topic(), config.partitions(), config.replicationFactor());
            } catch (OffsetsUnavailableException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, config.topic());
            Config topicConfig = get(admin.describeConfigs(List.of(resource)).all()).get(resource);
            String policy = topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (policy == null || !policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                throw new OffsetsUnavailableException("the offsets log topic " + config.topic() + " has cleanup.policy="
                        + policy + "; it must be compact, or offsets are lost when its retention deletes them");
            }
            TopicDescription description = get(admin.describeTopics(List.of(config.topic())).allTopicNames())
                    .get(config.topic());
            partitionCount = description.partitions().size();
            LOG.info("[offsets-log] writing to topic {} ({} partitions)", config.topic(), partitionCount);
        }
    }

    @Override
    public CompletionStage<Void> append(List<OffsetLogRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            ensureTopic();
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return done;
        }
        AtomicInteger unacknowledged = new AtomicInteger(records.size());
        for (OffsetLogRecord record : records) {
            if (done.isDone()) {
                // A send that waited max.block.ms for metadata failed at once, through its callback: the
                // others would each wait as long again.
                break;
            }
            try {
                producer.send(producerRecord(record), (metadata, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(new OffsetsUnavailableException("the offsets log (topic "
                                + config.topic() + ") did not acknowledge a write: " + failure, failure));
                    } else if (unacknowledged.decrementAndGet() == 0) {
                        done.complete(null);
                    }
                });
            } catch (KafkaException | IllegalStateException e) {
                // Metadata not available within max.block.ms, a full buffer, or a closed producer.
                done.completeExceptionally(new OffsetsUnavailableException("the offsets log (topic " + config.topic()
                        + ") refused a write: " + e, e));
                break;
            }
        }
        return done;
    }

    @Override
    public void replay(Consumer<OffsetLogRecord> sink) throws InterruptedException {
        ensureTopic();
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new TopicPartition(config.topic(), p));
        }
        Duration timeout = Duration.ofMillis(config.timeoutMs());
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Read up to the end as of now: the replay is of what was written before it started.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Set<TopicPartition> open = new HashSet<>(partitions);
            long lastProgress = System.nanoTime();
            while (true) {
                Set<TopicPartition> finished = new HashSet<>();
                for (TopicPartition partition : open) {
                    if (consumer.position(partition, timeout) >= ends.get(partition)) {
                        finished.add(partition);
                    }
                }
                open.removeAll(finished);
                consumer.pause(finished);
                if (open.isEmpty()) {
                    break;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while replaying the offsets log");
                }
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        Header seq = record.headers().lastHeader(OffsetLogCodec.SEQ_HEADER);
                        sink.accept(OffsetLogCodec.decode(record.key(), record.value(), seq == null ? null : seq.value()));
                        records++;
                    }
                }
                if (!polled.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TimeUnit.MILLISECONDS.toNanos(2 * config.timeoutMs())) {
                    throw new OffsetsUnavailableException("the offsets log (topic " + config.topic()
                            + ") could not be read to its end: no records for " + 2 * config.timeoutMs() + " ms");
                }
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedException("interrupted while replaying the offsets log");
        } catch (KafkaException e) {
            throw new OffsetsUnavailableException("the offsets log (topic " + config.topic() + ") could not be read: " + e, e);
        }
        LOG.info("[offsets-log] replayed {} records of topic {}", records, config.topic());
    }

    @Override
    public void close() {
        close(Duration.ofMillis(config.timeoutMs()));
    }

    /** Closes, waiting at most {@code wait} for writes under way; {@code Duration.ZERO} drops them, as a crash would. */
    public void close(Duration wait) {
        producer.close(wait);
        synchronized (topicLock) {
            if (admin != null) {
                admin.close(wait);
                admin = null;
            }
        }
    }

    private ProducerRecord<byte[], byte[]> producerRecord(OffsetLogRecord record) {
        RecordHeaders headers = new RecordHeaders();
        if (record.isTombstone()) {
            headers.add(OffsetLogCodec.SEQ_HEADER, OffsetLogCodec.seqHeader(record.seq()));
        }
        return new ProducerRecord<>(config.topic(), partitionOf(record.group()), null,
                OffsetLogCodec.key(record.group(), record.partition()), OffsetLogCodec.value(record), headers);
    }

    /** The topic partition of every record of {@code group}. */
    int partitionOf(String group) {
        return Utils.toPositive(Utils.murmur2(group.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    private Map<String, String> topicConfigs() {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        if (config.replicationFactor() >= 3) {
            // acks=all then means two copies at least, as Kafka recommends for its own offsets topic.
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return configs;
    }

    private Map<String, String> clientProperties(String role) {
        Map<String, String> props = new HashMap<>(config.clientProperties());
        props.putIfAbsent("client.id", "roster-offsets-log-" + role);
        props.put("request.timeout.ms", Long.toString(config.timeoutMs()));
        props.put("default.api.timeout.ms", Long.toString(config.timeoutMs()));
        return props;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.putIfAbsent("client.id", "roster-offsets-log-producer");
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("max.in.flight.requests.per.connection", "5");
        props.put("linger.ms", "0");
        props.put("request.timeout.ms", Long.toString(config.timeoutMs()));
        props.put("delivery.timeout.ms", Long.toString(config.timeoutMs()));
        props.put("max.block.ms", Long.toString(config.timeoutMs()));
        return props;
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>(clientProperties("loader"));
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_uncommitted");
        return props;
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(config.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OffsetsUnavailableException("interrupted while waiting for Kafka (offsets log)", e);
        } catch (ExecutionException e) {
            throw new OffsetsUnavailableException("Kafka refused (offsets log topic " + config.topic() + "): "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new OffsetsUnavailableException("Kafka did not answer within " + config.timeoutMs()
                    + " ms (offsets log topic " + config.topic() + ")", e);
        }
    }
}
