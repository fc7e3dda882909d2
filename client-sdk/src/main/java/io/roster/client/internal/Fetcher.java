package io.roster.client.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Kafka consumer and its fetch loop: apply the queued control operations (assign,
 * seek, pause, resume, end offsets), poll once, hand the records over, and again. Control
 * operations run only between polls, so a poll never returns records fetched before a seek
 * that was asked for earlier. Runs on the consumer's context; the vertx-kafka-client calls
 * themselves run on its worker thread.
 */
public final class Fetcher implements PartitionFetchControl {

    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);

    private final Vertx vertx;
    private final Context context;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration pollTimeout;
    private final Consumer<ConsumerRecords<byte[], byte[]>> sink;
    private final ArrayDeque<Supplier<Future<?>>> control = new ArrayDeque<>();
    /** What the partitions' workers asked for. */
    private final Set<TopicPartition> paused = new HashSet<>();
    /** What the Kafka consumer was last told: pauses and resumes go to it once per poll, merged. */
    private Set<TopicPartition> pausedInKafka = Set.of();
    private Set<TopicPartition> assignment = Set.of();
    private boolean assignmentChanged;
    /** The timer of a loop that waits for partitions, or -1. */
    private long idleTimer = -1;
    private boolean running;
    private Promise<Void> stopped;

    public Fetcher(Vertx vertx, Context context, KafkaConsumer<byte[], byte[]> consumer, Duration pollTimeout,
                   Consumer<ConsumerRecords<byte[], byte[]>> sink) {
        this.vertx = vertx;
        this.context = context;
        this.consumer = consumer;
        this.pollTimeout = pollTimeout;
        this.sink = sink;
    }

    public void start() {
        running = true;
        loop();
    }

    /** The partitions the Kafka consumer should have; applied before the next poll. */
    public void assign(Set<TopicPartition> partitions) {
        if (!partitions.equals(assignment)) {
            assignment = Set.copyOf(partitions);
            paused.retainAll(assignment);
            assignmentChanged = true;
            if (idleTimer >= 0 && vertx.cancelTimer(idleTimer)) {
                // The loop waited for partitions: the first ones need not wait for its timer.
                idleTimer = -1;
                context.runOnContext(v -> loop());
            }
        }
    }

    /**
     * Pauses or resumes fetching of one assigned partition, before the next poll. Changes made between
     * two polls reach the Kafka consumer as one pause and one resume call, a pause undone before then not
     * at all: a partition whose queue fills and drains around every poll costs no round trips.
     */
    @Override
    public void setPaused(TopicPartition partition, boolean pause) {
        if (pause) {
            paused.add(partition);
        } else {
            paused.remove(partition);
        }
    }

    /**
     * Moves the partition's position to {@code offset}, or (negative) to its start or end,
     * and completes with the position once set, before the next poll.
     */
    @Override
    public Future<Long> seek(TopicPartition partition, long offset, boolean fromStartWhenUnknown) {
        io.vertx.kafka.client.common.TopicPartition tp = toVertx(partition);
        return enqueue(() -> {
            if (offset >= 0) {
                return consumer.seek(tp, offset).map(offset);
            }
            Future<Void> seek = fromStartWhenUnknown ? consumer.seekToBeginning(tp) : consumer.seekToEnd(tp);
            return seek.compose(done -> consumer.position(tp));
        });
    }

    /** The log end offsets of {@code partitions}, read between polls. */
    public Future<Map<TopicPartition, Long>> endOffsets(Set<TopicPartition> partitions) {
        Set<io.vertx.kafka.client.common.TopicPartition> tps = partitions.stream().map(Fetcher::toVertx)
                .collect(Collectors.toSet());
        return enqueue(() -> consumer.endOffsets(tps)).map(offsets -> offsets.entrySet().stream().collect(
                Collectors.toMap(e -> new TopicPartition(e.getKey().getTopic(), e.getKey().getPartition()),
                        Map.Entry::getValue)));
    }

    /** Stops polling and closes the Kafka consumer. */
    public Future<Void> close() {
        if (stopped != null) {
            return stopped.future();
        }
        stopped = Promise.promise();
        running = false;
        consumer.close().onComplete(done -> stopped.complete());
        return stopped.future();
    }

    private <T> Future<T> enqueue(Supplier<Future<T>> operation) {
        Promise<T> result = Promise.promise();
        control.add(() -> operation.get().onComplete(result));
        return result.future();
    }

    private void loop() {
        if (!running) {
            return;
        }
        runControl().onComplete(done -> {
            if (!running) {
                return;
            }
            if (assignment.isEmpty()) {
                idleTimer = vertx.setTimer(pollTimeout.toMillis(), tick -> {
                    idleTimer = -1;
                    loop();
                });
                return;
            }
            consumer.poll(pollTimeout).onComplete(polled -> {
                if (polled.succeeded()) {
                    if (running && !polled.result().isEmpty()) {
                        sink.accept(polled.result().records());
                    }
                    context.runOnContext(next -> loop());
                } else {
                    LOG.warn("poll failed: {}", polled.cause().toString());
                    vertx.setTimer(pollTimeout.toMillis(), tick -> loop());
                }
            });
        });
    }

    private Future<Void> runControl() {
        Future<?> chain = Future.succeededFuture();
        boolean reassigned = assignmentChanged;
        if (reassigned) {
            assignmentChanged = false;
            chain = consumer.assign(toVertx(assignment));
            // Whether Kafka keeps the pause of a partition that stays assigned or not, pausing every partition
            // that should be paused again and resuming every one that was paused and should not be is right.
            Set<TopicPartition> stillAssigned = new HashSet<>(pausedInKafka);
            stillAssigned.retainAll(assignment);
            pausedInKafka = Set.copyOf(stillAssigned);
        }
        if (reassigned || !paused.equals(pausedInKafka)) {
            Set<TopicPartition> toPause = new HashSet<>(paused);
            if (!reassigned) {
                toPause.removeAll(pausedInKafka);
            }
            Set<TopicPartition> toResume = new HashSet<>(pausedInKafka);
            toResume.removeAll(paused);
            toResume.retainAll(assignment);
            pausedInKafka = Set.copyOf(paused);
            chain = chain.transform(previous -> toPause.isEmpty() ? Future.succeededFuture() : consumer.pause(toVertx(toPause)))
                    .transform(previous -> toResume.isEmpty() ? Future.succeededFuture() : consumer.resume(toVertx(toResume)));
        }
        while (!control.isEmpty()) {
            Supplier<Future<?>> operation = control.poll();
            chain = chain.transform(previous -> operation.get());
        }
        return chain.transform(last -> {
            if (last.failed()) {
                LOG.debug("a control operation failed: {}", last.cause().toString());
            }
            return Future.succeededFuture();
        });
    }

    private static Set<io.vertx.kafka.client.common.TopicPartition> toVertx(Set<TopicPartition> partitions) {
        return partitions.stream().map(Fetcher::toVertx).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static io.vertx.kafka.client.common.TopicPartition toVertx(TopicPartition partition) {
        return new io.vertx.kafka.client.common.TopicPartition(partition.topic(), partition.partition());
    }
}
