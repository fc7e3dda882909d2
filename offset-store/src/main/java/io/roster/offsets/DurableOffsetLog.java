package io.roster.offsets;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where committed offsets are persisted so that they survive a restart of every coordinator node: a log
 * that keeps, per (group, topic, partition), at least its last record. The offset store decides what to
 * write and when; an implementation only stores and reads back. The coordinator's implementation is a
 * compacted Kafka topic ({@code KafkaOffsetLog}); the offset store itself knows nothing of Kafka.
 *
 * <p>Threading: the offset store calls {@link #append} from threads that may block (Hazelcast's offload
 * executor, its own log writer thread), never from a partition thread, and {@link #replay} from the loader's
 * thread. Implementations are thread-safe.
 */
public interface DurableOffsetLog extends AutoCloseable {

    /**
     * Appends the records in order: of two records of the same (group, partition) given here, or given to
     * two calls one after the other from one thread, the later must not be stored before the earlier.
     *
     * <p>May block the caller briefly (for example while the log's metadata is fetched), at most about the
     * log's own request timeout.
     *
     * @return a stage that completes once every record is durable, or fails (with the cause) if any of them
     *         may not be; records of a failed append may or may not have been stored
     */
    CompletionStage<Void> append(List<OffsetLogRecord> records);

    /**
     * Reads every record from the start of the log up to its end as of this call, records of one group in
     * the order they were stored, and gives each to {@code sink} on the calling thread. Blocks.
     *
     * @throws OffsetsUnavailableException if the log cannot be read to its end
     * @throws InterruptedException        if the calling thread is interrupted
     */
    void replay(Consumer<OffsetLogRecord> sink) throws InterruptedException;

    /** Releases the log's resources, waiting a bounded time for appends under way. */
    @Override
    void close();
}
