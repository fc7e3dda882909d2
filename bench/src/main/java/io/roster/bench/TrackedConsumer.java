package io.roster.bench;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What the harness reads of any {@link GroupConsumer}, kept the same way for both kinds: the
 * partitions its listener was told it owns, its member id and its failure. Written from the
 * consumer's own thread, read from the harness's.
 */
abstract class TrackedConsumer implements GroupConsumer {

    private final int id;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile String memberId = "";
    private volatile Throwable failure;

    TrackedConsumer(int id) {
        this.id = id;
    }

    @Override
    public final int id() {
        return id;
    }

    @Override
    public final Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    @Override
    public final String memberId() {
        return memberId;
    }

    @Override
    public final Throwable failure() {
        return failure;
    }

    /** Partitions of the one topic the listener was given. */
    final void assigned(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> owned.add(partition.partition()));
    }

    /** Partitions the listener was told are revoked or lost. */
    final void removed(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> owned.remove(partition.partition()));
    }

    final void memberId(String memberId) {
        this.memberId = memberId;
    }

    final void failed(Throwable failure) {
        this.failure = failure;
    }
}
