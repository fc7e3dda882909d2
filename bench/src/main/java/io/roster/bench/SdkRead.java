package io.roster.bench;

import io.roster.client.PartitionListener;
import io.roster.client.RosterConsumer;
import io.roster.client.RosterConsumerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * One read of the whole topic by the Roster SDK: a {@link RosterConsumer} of a new group (so it has no
 * committed offset and starts at the earliest), joined through one coordinator node, with a handler that
 * only counts ({@link ReadToEnd}) and the default commit policy, {@code periodic(1 s)}.
 */
final class SdkRead {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** The read, and when the consumer held every partition; both from the start call. */
    record Timing(ReadToEnd.Timing read, long joinNanos) {
    }

    private SdkRead() {
    }

    /** The clock runs from just before {@code start()} to the last record handled. */
    static Timing read(Vertx vertx, PreloadedTopic topic, Map<String, String> common, String coordinator, String group,
                       Duration timeout) {
        ReadToEnd progress = new ReadToEnd(topic.ends());
        RosterConsumerConfig config = RosterConsumerConfig.builder()
                .coordinators(coordinator)
                .groupId(group)
                .topics(topic.name())
                .kafkaProperties(common)
                .offsetReset(RosterConsumerConfig.OffsetReset.EARLIEST)
                .build();
        RosterConsumer<String, String> consumer = RosterConsumer.create(vertx, config, record -> {
            progress.record(record.partition(), record.offset());
            return Future.succeededFuture();
        });
        AllAssigned assigned = new AllAssigned(topic.partitionCount());
        consumer.listener(assigned);
        consumer.terminated().onComplete(stopped -> progress.fail(stopped.failed() ? stopped.cause()
                : new IllegalStateException("the consumer stopped")));
        long startedAt = progress.start();
        try {
            ContextAwait.result(consumer.start(), timeout, "starting the SDK consumer");
            ReadToEnd.Timing read = progress.await(timeout, "the SDK consumer");
            return new Timing(read, assigned.at() - startedAt);
        } finally {
            ContextAwait.result(consumer.close(), CLOSE_TIMEOUT, "closing the SDK consumer");
        }
    }

    /** Notes when the consumer first held every partition of the topic; told on the consumer's context. */
    private static final class AllAssigned implements PartitionListener {

        private final int partitions;
        private final Set<TopicPartition> held = new HashSet<>();
        private volatile long at = -1;

        AllAssigned(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public void onAssigned(Set<TopicPartition> assigned) {
            held.addAll(assigned);
            if (at < 0 && held.size() == partitions) {
                at = System.nanoTime();
            }
        }

        @Override
        public void onRevoked(Set<TopicPartition> revoked) {
            held.removeAll(revoked);
        }

        @Override
        public void onLost(Set<TopicPartition> lost) {
            held.removeAll(lost);
        }

        long at() {
            if (at < 0) {
                throw new BenchmarkFailure("the SDK consumer read every record without ever holding every partition");
            }
            return at;
        }
    }
}
