package io.roster.client.internal;

import io.roster.client.FailurePolicy;
import io.roster.client.RecordProcessingException;
import io.roster.client.RetryPolicy;
import io.vertx.core.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a {@link PartitionWorker} uses of the consumer around it. */
interface PartitionServices {

    PartitionFetchControl fetcher();

    /** Deserializes and hands the record to the application's handler; never throws. */
    Future<Void> process(ConsumerRecord<byte[], byte[]> record, int attempt);

    /** Publishes the record to its dead-letter topic; never throws (a failure is a failed future). */
    Future<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, Throwable cause, int attempts);

    /** The failure policy says stop: the whole consumer stops. */
    void stop(RecordProcessingException cause);

    /** Runs {@code action} on the consumer's context. */
    void onContext(Runnable action);

    long setTimer(long delayMs, Runnable action);

    void cancelTimer(long id);

    RetryPolicy retryPolicy();

    FailurePolicy failurePolicy();

    int maxQueued();
}
