package io.roster.client.internal;

import io.roster.client.FailurePolicy;
import io.roster.client.RecordProcessingException;
import io.roster.client.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer around a {@link PartitionWorker}, faked, and its fetcher too: the test completes
 * each delivery and dead letter itself and fires the timers itself (a manual clock). Actions
 * "on the context" run at once on the caller's thread, so a worker driven from one thread is
 * deterministic.
 */
final class FakePartitionServices implements PartitionServices, PartitionFetchControl {

    /** A record handed to the application; {@code outcome} is the handler's answer. */
    record Delivery(long offset, int attempt, Promise<Void> outcome) {
    }

    /** A record sent to the dead-letter topic; {@code outcome} is the producer's answer. */
    record Letter(long offset, Throwable cause, int attempts, Promise<Void> outcome) {
    }

    record Seek(long offset, boolean fromStartWhenUnknown) {
    }

    private final RetryPolicy retryPolicy;
    private final FailurePolicy failurePolicy;
    private final int maxQueued;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Letter> letters = new ArrayList<>();
    private final List<Seek> seeks = new ArrayList<>();
    private final List<RecordProcessingException> stops = new ArrayList<>();
    private final Map<TopicPartition, Boolean> paused = new HashMap<>();
    private final Map<Long, Long> timerDelays = new LinkedHashMap<>();
    private final Map<Long, Runnable> timerActions = new HashMap<>();
    private long nextTimer;
    private int seekFailures;

    FakePartitionServices(RetryPolicy retryPolicy, FailurePolicy failurePolicy, int maxQueued) {
        this.retryPolicy = retryPolicy;
        this.failurePolicy = failurePolicy;
        this.maxQueued = maxQueued;
    }

    // ---- what the test sees and does ----

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The {@code offset@attempt} of every delivery so far, in order. */
    List<String> delivered() {
        return deliveries.stream().map(d -> d.offset() + "@" + d.attempt()).toList();
    }

    void succeed(long offset) {
        pending(offset).outcome().complete();
    }

    void fail(long offset) {
        pending(offset).outcome().fail(new IllegalStateException("handler failed on " + offset));
    }

    List<Letter> letters() {
        return List.copyOf(letters);
    }

    List<Seek> seeks() {
        return List.copyOf(seeks);
    }

    List<RecordProcessingException> stops() {
        return List.copyOf(stops);
    }

    /** Whether fetching of {@code partition} is paused, as last set (null: never set). */
    Boolean paused(TopicPartition partition) {
        return paused.get(partition);
    }

    /** The delays of the timers set and neither fired nor cancelled. */
    List<Long> timers() {
        return List.copyOf(timerDelays.values());
    }

    /** The waits are over: runs every timer set so far. */
    void fireTimers() {
        List<Long> due = List.copyOf(timerDelays.keySet());
        timerDelays.clear();
        due.forEach(id -> timerActions.remove(id).run());
    }

    /** The next {@code count} seeks fail. */
    void failSeeks(int count) {
        seekFailures = count;
    }

    private Delivery pending(long offset) {
        for (int i = deliveries.size() - 1; i >= 0; i--) {
            Delivery delivery = deliveries.get(i);
            if (delivery.offset() == offset) {
                if (delivery.outcome().future().isComplete()) {
                    break;
                }
                return delivery;
            }
        }
        throw new AssertionError("no delivery of " + offset + " waits for its outcome: " + delivered());
    }

    // ---- PartitionServices ----

    @Override
    public PartitionFetchControl fetcher() {
        return this;
    }

    @Override
    public Future<Void> process(ConsumerRecord<byte[], byte[]> record, int attempt) {
        Promise<Void> outcome = Promise.promise();
        deliveries.add(new Delivery(record.offset(), attempt, outcome));
        return outcome.future();
    }

    @Override
    public Future<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, Throwable cause, int attempts) {
        Promise<Void> outcome = Promise.promise();
        letters.add(new Letter(record.offset(), cause, attempts, outcome));
        return outcome.future();
    }

    @Override
    public void stop(RecordProcessingException cause) {
        stops.add(cause);
    }

    @Override
    public void onContext(Runnable action) {
        action.run();
    }

    @Override
    public long setTimer(long delayMs, Runnable action) {
        long id = nextTimer++;
        timerDelays.put(id, delayMs);
        timerActions.put(id, action);
        return id;
    }

    @Override
    public void cancelTimer(long id) {
        timerDelays.remove(id);
        timerActions.remove(id);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    @Override
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    @Override
    public int maxQueued() {
        return maxQueued;
    }

    // ---- PartitionFetchControl ----

    @Override
    public void setPaused(TopicPartition partition, boolean pause) {
        paused.put(partition, pause);
    }

    @Override
    public Future<Long> seek(TopicPartition partition, long offset, boolean fromStartWhenUnknown) {
        seeks.add(new Seek(offset, fromStartWhenUnknown));
        if (seekFailures > 0) {
            seekFailures--;
            return Future.failedFuture(new IllegalStateException("seek failed"));
        }
        return Future.succeededFuture(offset);
    }
}
