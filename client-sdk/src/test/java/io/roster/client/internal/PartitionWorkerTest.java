package io.roster.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.client.FailurePolicy;
import io.roster.client.RecordProcessingException;
import io.roster.client.RetryPolicy;
import io.roster.client.internal.FakePartitionServices.Letter;
import io.roster.client.internal.FakePartitionServices.Seek;
import io.roster.client.internal.PartitionWorker.State;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * One partition's worker, driven from the test thread with a fake consumer around it: the test
 * decides every handler outcome and fires the backoff timers.
 */
class PartitionWorkerTest {

    private static final TopicPartition TP = new TopicPartition("orders", 3);
    private static final RetryPolicy NO_RETRY = RetryPolicy.attempts(1, Duration.ZERO);

    private FakePartitionServices services;
    private PartitionWorker worker;
    private int batchesDone;

    private void worker(RetryPolicy retry, FailurePolicy failure, int maxQueued) {
        services = new FakePartitionServices(retry, failure, maxQueued);
        worker = new PartitionWorker(TP, services);
    }

    /** A worker at its start position, with up to 500 queued records. */
    private void start(RetryPolicy retry, FailurePolicy failure, long position, long committed) {
        worker(retry, failure, 500);
        worker.started(position, committed);
    }

    /** Offers records {@code from} to {@code to} (inclusive) as one fetched batch. */
    private void offer(long from, long to) {
        FetchBatch batch = new FetchBatch((int) (to - from + 1), () -> batchesDone++);
        LongStream.rangeClosed(from, to).forEach(offset -> worker.offer(record(offset), batch));
    }

    /** Offers records {@code from} to {@code to}; the handler succeeds on those before {@code failing} and fails it. */
    private void offerFailingAt(long from, long to, long failing) {
        offer(from, to);
        LongStream.range(from, failing).forEach(services::succeed);
        services.fail(failing);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>(TP.topic(), TP.partition(), offset, ("k" + offset).getBytes(StandardCharsets.UTF_8),
                ("v" + offset).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void recordsAreProcessedInOffsetOrderOneAtATime() {
        start(NO_RETRY, FailurePolicy.stop(), 0, -1);
        offer(0, 2);

        assertEquals(List.of("0@1"), services.delivered());
        services.succeed(0);
        assertEquals(List.of("0@1", "1@1"), services.delivered());
        assertEquals(1, worker.commitCandidate());
        services.succeed(1);
        services.succeed(2);

        assertEquals(List.of("0@1", "1@1", "2@1"), services.delivered());
        assertEquals(3, worker.commitCandidate());
        assertEquals(3, worker.progress().currentOffset());
        assertEquals(3, worker.progress().fetchedPosition());
        assertEquals(1, batchesDone);
        assertFalse(services.paused(TP));
    }

    @Test
    void nothingIsTakenBeforeTheStartPositionNorAgainAfterIt() {
        worker(NO_RETRY, FailurePolicy.stop(), 500);
        offer(0, 0);
        assertEquals(List.of(), services.delivered(), "a starting worker drops records");
        assertEquals(-1, worker.commitCandidate());

        worker.started(5, 5);
        assertEquals(-1, worker.commitCandidate(), "nothing new past the committed offset");
        offer(5, 5);
        services.succeed(5);
        offer(4, 5);

        assertEquals(List.of("5@1"), services.delivered());
        assertEquals(3, batchesDone, "dropped records complete their batch");
    }

    @Test
    void aFailureRollsBackToTheCommittedOffsetAfterTheBackoffAndDeliversAgain() {
        start(new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5)), FailurePolicy.stop(), 5, 5);
        offerFailingAt(5, 8, 7);

        assertEquals(State.BACKING_OFF, worker.state());
        assertEquals(List.of(100L), services.timers());
        assertEquals(List.of(), services.seeks(), "the rewind waits for the backoff");
        assertTrue(services.paused(TP));
        assertEquals(1, batchesDone, "the records queued behind the failure are dropped");
        assertEquals(7, worker.commitCandidate(), "what was processed before the failure stays processed");
        offer(8, 8);
        assertEquals(List.of("5@1", "6@1", "7@1"), services.delivered(), "nothing is taken while backing off");

        services.fireTimers();

        assertEquals(List.of(new Seek(5, true)), services.seeks());
        assertEquals(State.ACTIVE, worker.state());
        assertFalse(services.paused(TP));
        assertEquals(-1, worker.commitCandidate());
        offer(5, 8);
        services.succeed(5);
        services.succeed(6);
        assertEquals(List.of("5@1", "6@1", "7@1", "5@1", "6@1", "7@2"), services.delivered());
    }

    @Test
    void attemptsAreCountedPerOffsetAndTheBackoffGrows() {
        start(new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5)), FailurePolicy.stop(), 0, 0);
        offerFailingAt(0, 2, 1);
        assertEquals(List.of(100L), services.timers());
        services.fireTimers();
        offerFailingAt(0, 2, 1);
        assertEquals(List.of(200L), services.timers());
        services.fireTimers();
        offer(0, 2);
        services.succeed(0);
        services.succeed(1);
        services.succeed(2);
        offer(3, 3);

        assertEquals(List.of("0@1", "1@1", "0@1", "1@2", "0@1", "1@3", "2@1", "3@1"), services.delivered());
        assertEquals(List.of(), services.stops());
    }

    @Test
    void theRewindGoesToTheOffsetCommittedMeanwhile() {
        start(RetryPolicy.attempts(2, Duration.ofMillis(50)), FailurePolicy.stop(), 5, 5);
        offerFailingAt(5, 7, 7);

        worker.committed(7);
        worker.committed(6);
        services.fireTimers();

        assertEquals(List.of(new Seek(7, true)), services.seeks());
        assertEquals(7, worker.progress().committedOffset(), "a committed offset never moves back");
        offer(7, 7);
        assertEquals(List.of("5@1", "6@1", "7@1", "7@2"), services.delivered());
    }

    @Test
    void withoutACommittedOffsetTheRewindGoesToTheStartPosition() {
        start(RetryPolicy.attempts(2, Duration.ZERO), FailurePolicy.stop(), 40, -1);
        offerFailingAt(40, 41, 41);

        assertEquals(List.of(1L), services.timers(), "a zero backoff still waits a tick");
        services.fireTimers();

        assertEquals(List.of(new Seek(40, true)), services.seeks());
    }

    @Test
    void aRewindThatFailsIsTriedAgainAfterAnotherBackoff() {
        start(RetryPolicy.attempts(2, Duration.ofMillis(30)), FailurePolicy.stop(), 0, 0);
        offerFailingAt(0, 0, 0);
        services.failSeeks(1);

        services.fireTimers();
        assertEquals(State.BACKING_OFF, worker.state());
        assertEquals(List.of(30L), services.timers());
        services.fireTimers();

        assertEquals(List.of(new Seek(0, true), new Seek(0, true)), services.seeks());
        assertEquals(State.ACTIVE, worker.state());
    }

    @Test
    void skipMovesOnAfterTheLastAttempt() {
        start(NO_RETRY, FailurePolicy.skip(), 0, -1);
        offerFailingAt(0, 2, 1);

        assertEquals(List.of("0@1", "1@1", "2@1"), services.delivered());
        assertEquals(2, worker.commitCandidate(), "the skipped record counts as processed");
        assertEquals(List.of(), services.timers());
        assertEquals(List.of(), services.stops());
        assertEquals(State.ACTIVE, worker.state());
    }

    @Test
    void deadLetterPublishesTheRecordThenMovesOn() {
        start(RetryPolicy.attempts(2, Duration.ZERO), FailurePolicy.deadLetter(), 0, 0);
        offerFailingAt(0, 2, 0);
        services.fireTimers();
        offerFailingAt(0, 2, 0);

        List<Letter> letters = services.letters();
        assertEquals(1, letters.size());
        assertEquals(0, letters.get(0).offset());
        assertEquals(2, letters.get(0).attempts());
        assertEquals("handler failed on 0", letters.get(0).cause().getMessage());
        assertEquals(List.of("0@1", "0@2"), services.delivered(), "the next record waits for the dead letter");

        letters.get(0).outcome().complete();

        assertEquals(List.of("0@1", "0@2", "1@1"), services.delivered());
        assertEquals(1, worker.commitCandidate());
        assertEquals(List.of(), services.stops());
    }

    @Test
    void aDeadLetterThatCannotBePublishedStops() {
        start(NO_RETRY, FailurePolicy.deadLetter(), 0, 0);
        offerFailingAt(0, 2, 1);
        IllegalStateException unpublished = new IllegalStateException("no broker");

        services.letters().get(0).outcome().fail(unpublished);

        RecordProcessingException stop = services.stops().get(0);
        assertEquals(1, services.stops().size());
        assertEquals(1, stop.offset());
        assertSame(unpublished, stop.getCause());
        assertEquals(1, worker.commitCandidate(), "the record that was not dead-lettered is not committed");
        assertEquals(List.of("0@1", "1@1"), services.delivered());
        assertTrue(services.paused(TP));
    }

    @Test
    void stopStopsWithTheFailingOffsetNotCommitted() {
        start(RetryPolicy.attempts(2, Duration.ofMillis(10)), FailurePolicy.stop(), 10, 10);
        offerFailingAt(10, 13, 12);
        services.fireTimers();
        offerFailingAt(10, 13, 12);

        RecordProcessingException stop = services.stops().get(0);
        assertEquals(1, services.stops().size());
        assertEquals("orders", stop.topic());
        assertEquals(3, stop.partition());
        assertEquals(12, stop.offset());
        assertTrue(stop.getMessage().contains("failed 2 time(s)"), stop.getMessage());
        assertEquals(12, worker.commitCandidate());
        assertEquals(State.RELEASING, worker.state());
        assertTrue(services.paused(TP));
        assertEquals(List.of(), services.timers());
        offer(13, 13);
        assertEquals(List.of("10@1", "11@1", "12@1", "10@1", "11@1", "12@2"), services.delivered());
    }

    @Test
    void quiesceWaitsForTheRecordInFlightThenItsPositionIsTheCandidate() {
        start(NO_RETRY, FailurePolicy.stop(), 0, 0);
        offer(0, 2);
        services.succeed(0);

        Future<Void> quiet = worker.quiesce();

        assertFalse(quiet.isComplete(), "record 1 is still in flight");
        assertTrue(services.paused(TP));
        services.succeed(1);
        assertTrue(quiet.succeeded());
        assertEquals(2, worker.commitCandidate());
        assertEquals(List.of("0@1", "1@1"), services.delivered(), "record 2 was dropped, not processed");
        assertEquals(1, batchesDone);
        assertTrue(worker.owned());
    }

    @Test
    void aRecordThatFailsWhileReleasingIsNotRetried() {
        start(RetryPolicy.attempts(3, Duration.ZERO), FailurePolicy.stop(), 0, 0);
        offer(0, 1);
        services.succeed(0);
        Future<Void> quiet = worker.quiesce();

        services.fail(1);

        assertTrue(quiet.succeeded());
        assertEquals(1, worker.commitCandidate());
        assertEquals(List.of(), services.timers());
        assertEquals(List.of(), services.stops());
    }

    @Test
    void quiesceWithNothingInFlightIsDoneAtOnce() {
        start(NO_RETRY, FailurePolicy.stop(), 0, 0);

        assertTrue(worker.quiesce().succeeded());
        assertEquals(State.RELEASING, worker.state());
    }

    @Test
    void dropIgnoresALateCompletion() {
        start(NO_RETRY, FailurePolicy.stop(), 0, 0);
        offer(0, 1);
        Future<Void> quiet = worker.quiesce();

        worker.drop();
        services.succeed(0);

        assertFalse(worker.owned());
        assertEquals(-1, worker.commitCandidate());
        assertEquals(0, worker.progress().currentOffset());
        assertEquals(List.of("0@1"), services.delivered());
        assertTrue(quiet.succeeded(), "a release waiting for the record is over");
        assertEquals(1, batchesDone);
    }

    @Test
    void backpressurePausesAtMaxQueuedAndResumesAtHalf() {
        worker(NO_RETRY, FailurePolicy.stop(), 4);
        worker.started(0, 0);
        offer(0, 3);
        assertFalse(services.paused(TP), "three queued behind the one in flight");
        offer(4, 4);
        assertTrue(services.paused(TP), "four queued");

        services.succeed(0);
        assertTrue(services.paused(TP), "three queued");
        services.succeed(1);
        assertFalse(services.paused(TP), "two queued: half");
        offer(5, 5);
        assertFalse(services.paused(TP), "three queued, below the limit");
    }
}
