package io.roster.coordinator.metadata;

import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.Map;
import java.util.Set;

/**
 * Where the coordinator learns which topics exist, how many partitions they have and where
 * their logs end. Behind an interface so that the coordinator's tests can run without a
 * Kafka cluster ({@link StaticTopicMetadataSource}).
 *
 * <p>Methods may be called from any thread and never block. Returned futures complete, and
 * listeners are called, on the source's own Vert.x context (the one that called
 * {@link #start()}).
 */
public interface TopicMetadataSource {

    /**
     * Loads a first snapshot and begins keeping it fresh. Completes once the first load was
     * tried, even if it failed: a coordinator must come up, and serve what it can, while Kafka
     * is away. Fails only when the source cannot be set up at all (e.g. bad configuration).
     */
    Future<Void> start();

    /** The last snapshot that was read successfully; cheap, possibly stale, empty before any. */
    TopicMetadata current();

    /**
     * The snapshot, refreshed first if it misses any of {@code topics}. Topics that do not
     * exist in the cluster are simply absent from the result; that is not an error. Fails
     * with {@link MetadataUnavailableException} when the cluster cannot be read.
     */
    Future<TopicMetadata> ensureKnown(Set<String> topics);

    /**
     * The log end offset of each partition. Partitions the current snapshot does not know
     * (unknown topic, or a partition beyond its count) are left out of the result rather than
     * failing the whole call. Fails with {@link MetadataUnavailableException} when the cluster
     * cannot be read.
     */
    Future<Map<TopicPartition, Long>> logEndOffsets(Set<TopicPartition> partitions);

    /**
     * The offset at {@code position} of each partition: the log start offset, the log end
     * offset, or the offset of the first record whose timestamp is at or after the given time
     * (the log end offset when there is none, as Kafka's own reset tool does). Partitions the
     * snapshot does not know are left out, as in {@link #logEndOffsets}. Fails with
     * {@link MetadataUnavailableException} when the cluster cannot be read.
     */
    Future<Map<TopicPartition, Long>> offsetsAt(Set<TopicPartition> partitions, OffsetPosition position);

    /**
     * Calls {@code listener} on the source's context each time a new snapshot changes the
     * partition count of any topic, including topics that appear or disappear (so the first
     * snapshot, where every topic appears, is a change too). A listener that throws is logged
     * and does not stop the others.
     */
    void addChangeListener(Handler<TopicMetadataChange> listener);

    /** Stops refreshing and releases the connection to the cluster; later calls fail. */
    Future<Void> close();
}
