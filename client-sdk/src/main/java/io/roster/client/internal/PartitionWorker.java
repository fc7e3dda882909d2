package io.roster.client.internal;

import io.roster.client.PartitionProgress;
import io.roster.client.RecordProcessingException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One owned partition: its queue of fetched records, processed one at a time in offset
 * order, and its offsets. A failed record rolls the partition back to its committed offset
 * (the records after it are delivered again) until the retry policy runs out; then the
 * failure policy applies. Runs on the consumer's context only.
 */
final class PartitionWorker {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionWorker.class);

    enum State {
        /** Waiting for its start position. */
        STARTING,
        ACTIVE,
        /** A record failed: waiting for the backoff, then rewinding to the committed offset. */
        BACKING_OFF,
        /** Being released: takes no record, finishes the one in flight. */
        RELEASING,
        GONE
    }

    private record Queued(ConsumerRecord<byte[], byte[]> record, FetchBatch batch) {
    }

    private final TopicPartition partition;
    private final PartitionServices services;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private State state = State.STARTING;
    private boolean inFlight;
    private Promise<Void> idle;
    private long startOffset = -1;
    private long fetched = -1;
    private long current = -1;
    private long committed = -1;
    private long logEnd = -1;
    private long failingOffset = -1;
    private int failures;
    private long backoffTimer = -1;
    private boolean backpressure;

    PartitionWorker(TopicPartition partition, PartitionServices services) {
        this.partition = partition;
        this.services = services;
    }

    TopicPartition partition() {
        return partition;
    }

    State state() {
        return state;
    }

    /** Owned, from the coordinator's point of view: reported in heartbeats. */
    boolean owned() {
        return state != State.GONE;
    }

    /** The start position is set: records may come. */
    void started(long position, long committedOffset) {
        if (state != State.STARTING) {
            return;
        }
        startOffset = position;
        fetched = position;
        current = position;
        committed = committedOffset;
        state = State.ACTIVE;
        updatePause();
    }

    void offer(ConsumerRecord<byte[], byte[]> record, FetchBatch batch) {
        if (state != State.ACTIVE || record.offset() < fetched) {
            batch.done();
            return;
        }
        fetched = record.offset() + 1;
        queue.add(new Queued(record, batch));
        updatePause();
        drain();
    }

    /** The offset to commit now, or -1 when there is nothing new. */
    long commitCandidate() {
        boolean holding = state == State.ACTIVE || state == State.BACKING_OFF || state == State.RELEASING;
        return holding && current >= 0 && current > committed ? current : -1;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    void logEnd(long offset) {
        logEnd = offset;
    }

    PartitionProgress progress() {
        // The log end offset is read about once a second; what was fetched since proves it is at least that far.
        long end = logEnd >= 0 ? Math.max(logEnd, fetched) : -1;
        long lag = end >= 0 && committed >= 0 ? Math.max(0, end - committed) : -1;
        return new PartitionProgress(partition, fetched, current, committed, end, lag);
    }

    /** Takes no more records; completes once the record in flight (if any) is done. */
    Future<Void> quiesce() {
        if (state == State.GONE) {
            return Future.succeededFuture();
        }
        state = State.RELEASING;
        cancelBackoff();
        discardQueue();
        updatePause();
        if (!inFlight) {
            return Future.succeededFuture();
        }
        if (idle == null) {
            idle = Promise.promise();
        }
        return idle.future();
    }

    /** Gone at once: nothing more is processed or committed for it. */
    void drop() {
        state = State.GONE;
        cancelBackoff();
        discardQueue();
        completeIdle();
    }

    private void drain() {
        if (inFlight || state != State.ACTIVE || queue.isEmpty()) {
            return;
        }
        Queued next = queue.poll();
        updatePause();
        inFlight = true;
        long offset = next.record().offset();
        int attempt = offset == failingOffset ? failures + 1 : 1;
        services.process(next.record(), attempt).onComplete(result -> services.onContext(() -> finished(next, result, attempt)));
    }

    private void finished(Queued done, AsyncResult<Void> result, int attempt) {
        inFlight = false;
        done.batch().done();
        long offset = done.record().offset();
        if (state == State.GONE) {
            completeIdle();
            return;
        }
        if (result.succeeded()) {
            current = offset + 1;
            if (offset >= failingOffset) {
                failingOffset = -1;
                failures = 0;
            }
        } else if (state != State.RELEASING) {
            failed(done.record(), result.cause(), attempt);
        }
        completeIdle();
        drain();
    }

    private void failed(ConsumerRecord<byte[], byte[]> record, Throwable cause, int attempt) {
        failingOffset = record.offset();
        failures = attempt;
        if (attempt < services.retryPolicy().maxAttempts()) {
            long backoff = services.retryPolicy().backoffMillis(attempt);
            LOG.debug("{}@{} failed (attempt {}), rolling back to {} in {} ms: {}", partition, record.offset(), attempt,
                    committed, backoff, cause.toString());
            rollBack(backoff);
            return;
        }
        switch (services.failurePolicy().action()) {
            case SKIP -> {
                LOG.warn("{}@{} failed {} time(s), skipped: {}", partition, record.offset(), attempt, cause.toString());
                skipped(record.offset());
            }
            case DEAD_LETTER -> {
                inFlight = true;
                services.deadLetter(record, cause, attempt).onComplete(sent -> services.onContext(() -> {
                    inFlight = false;
                    if (sent.succeeded()) {
                        skipped(record.offset());
                    } else if (state != State.GONE) {
                        halt();
                        services.stop(new RecordProcessingException(partition.topic(), partition.partition(),
                                record.offset(), attempt, sent.cause()));
                    }
                    completeIdle();
                    drain();
                }));
            }
            case STOP -> {
                halt();
                services.stop(new RecordProcessingException(partition.topic(), partition.partition(),
                        record.offset(), attempt, cause));
            }
        }
    }

    /** Processes nothing more, keeps what it processed for the final commit. */
    private void halt() {
        state = State.RELEASING;
        cancelBackoff();
        discardQueue();
        updatePause();
    }

    private void skipped(long offset) {
        if (state != State.GONE) {
            current = Math.max(current, offset + 1);
        }
        failingOffset = -1;
        failures = 0;
    }

    private void rollBack(long backoffMs) {
        state = State.BACKING_OFF;
        discardQueue();
        updatePause();
        backoffTimer = services.setTimer(Math.max(1, backoffMs), () -> {
            backoffTimer = -1;
            if (state != State.BACKING_OFF) {
                return;
            }
            long target = committed >= 0 ? committed : startOffset;
            services.fetcher().seek(partition, target, true).onComplete(sought -> {
                if (state != State.BACKING_OFF) {
                    return;
                }
                if (sought.succeeded()) {
                    fetched = target;
                    current = target;
                    state = State.ACTIVE;
                    updatePause();
                } else {
                    rollBack(backoffMs);
                }
            });
        });
    }

    private void updatePause() {
        int max = services.maxQueued();
        if (queue.size() >= max) {
            backpressure = true;
        } else if (queue.size() <= max / 2) {
            backpressure = false;
        }
        boolean pause = state != State.ACTIVE || backpressure;
        if (state != State.GONE) {
            services.fetcher().setPaused(partition, pause);
        }
    }

    private void discardQueue() {
        while (!queue.isEmpty()) {
            queue.poll().batch().done();
        }
        backpressure = false;
    }

    private void cancelBackoff() {
        if (backoffTimer >= 0) {
            services.cancelTimer(backoffTimer);
            backoffTimer = -1;
        }
    }

    private void completeIdle() {
        if (!inFlight && idle != null) {
            Promise<Void> waiting = idle;
            idle = null;
            waiting.complete();
        }
    }
}
