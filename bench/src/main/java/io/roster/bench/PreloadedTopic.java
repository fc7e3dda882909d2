package io.roster.bench;

import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The topic every run of {@link SdkOverheadBench} reads from its start: created once, filled once with
 * records of a fixed size (null key, record {@code i} to partition {@code i mod partitions}, so the
 * partitions differ by one record at most), every record acknowledged by the broker, and its log end
 * offsets checked against what was sent. Uncompressed, so neither consumer decompresses.
 */
final class PreloadedTopic {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final long[] ends;
    private final Duration produceTime;

    private PreloadedTopic(String name, long[] ends, Duration produceTime) {
        this.name = name;
        this.ends = ends;
        this.produceTime = produceTime;
    }

    static PreloadedTopic create(EmbeddedKafkaBroker kafka, String name, int partitions, int records, int valueBytes) {
        kafka.createTopic(name, partitions);
        long started = System.nanoTime();
        produce(kafka.bootstrapServers(), name, partitions, records, valueBytes);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long[] ends = endOffsets(kafka, name, partitions);
        for (int p = 0; p < partitions; p++) {
            long expected = records / partitions + (p < records % partitions ? 1 : 0);
            if (ends[p] != expected) {
                throw new BenchmarkFailure("partition " + p + " of " + name + " ends at " + ends[p] + ", not at "
                        + expected + ": the topic does not hold exactly the records sent");
            }
        }
        return new PreloadedTopic(name, ends, took);
    }

    String name() {
        return name;
    }

    int partitionCount() {
        return ends.length;
    }

    /** The log end offset of each partition: the offset after its last record (every partition starts at 0). */
    long[] ends() {
        return ends.clone();
    }

    long records() {
        return Arrays.stream(ends).sum();
    }

    Set<TopicPartition> partitions() {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        for (int p = 0; p < ends.length; p++) {
            partitions.add(new TopicPartition(name, p));
        }
        return partitions;
    }

    Duration produceTime() {
        return produceTime;
    }

    private static void produce(String bootstrapServers, String topic, int partitions, int records, int valueBytes) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        // Seen on a loaded machine: right after the topic was created the broker refused the first batches
        // (NOT_LEADER_OR_FOLLOWER), and with five requests in flight the idempotent producer's retries then
        // failed with OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout. One request at a time (each
        // carries a batch of every partition) retries in order.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < records && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, value(i, valueBytes)), (metadata, e) -> {
                    if (e == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            // Returns once every send above has completed, acknowledged or failed: their callbacks have run.
            producer.flush();
        }
        if (failure.get() != null) {
            throw new BenchmarkFailure("producing to " + topic + " failed: " + failure.get(), failure.get());
        }
        if (acknowledged.get() != records) {
            throw new BenchmarkFailure(acknowledged.get() + " of " + records + " records acknowledged by the broker");
        }
    }

    /** ASCII: the record's number, then padding; a String of {@code valueBytes} characters once decoded. */
    private static byte[] value(int i, int valueBytes) {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) '.');
        byte[] number = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(number, 0, value, 0, Math.min(number.length, valueBytes));
        return value;
    }

    private static long[] endOffsets(EmbeddedKafkaBroker kafka, String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer;
        try {
            answer = kafka.admin().listOffsets(latest).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while reading the end offsets of " + topic, e);
        } catch (Exception e) {
            throw new BenchmarkFailure("reading the end offsets of " + topic + " failed: " + e, e);
        }
        long[] ends = new long[partitions];
        answer.forEach((tp, info) -> ends[tp.partition()] = info.offset());
        return ends;
    }
}
