package io.roster.demo;

import io.roster.client.PartitionListener;
import io.roster.client.PartitionProgress;
import io.roster.client.RosterConsumer;
import io.roster.client.RosterConsumerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * One instance of the consumer application: a {@link RosterConsumer} on a Vert.x of its own,
 * as a separate process would have. Its handler notes each record in the ledger; its
 * {@link PartitionListener} keeps the set of partitions it owns and tells the observer.
 */
final class DemoConsumer {

    /** Told of ownership changes, on the consumer's context. */
    interface Observer {
        void ownershipChanged();

        /** Partitions taken away without a commit: their records since the last commit come again. */
        void partitionsLost(DemoConsumer consumer, Set<TopicPartition> partitions);
    }

    private final String name;
    private final Vertx vertx;
    private final RosterConsumer<String, String> consumer;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();

    DemoConsumer(String name, RosterConsumerConfig config, DeliveryLedger ledger, Observer observer) {
        this.name = name;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        this.consumer = RosterConsumer.create(vertx, config, record -> {
            ledger.processed(record.partition(), record.offset());
            return Future.succeededFuture();
        });
        consumer.listener(new PartitionListener() {
            @Override
            public void onAssigned(Set<TopicPartition> partitions) {
                owned.addAll(partitions);
                observer.ownershipChanged();
            }

            @Override
            public void onRevoked(Set<TopicPartition> partitions) {
                owned.removeAll(partitions);
                observer.ownershipChanged();
            }

            @Override
            public void onLost(Set<TopicPartition> partitions) {
                owned.removeAll(partitions);
                observer.partitionsLost(DemoConsumer.this, partitions);
                observer.ownershipChanged();
            }
        });
    }

    String name() {
        return name;
    }

    /** Joins the group; completes at the coordinator's first answer. */
    Future<Void> start() {
        return consumer.start();
    }

    /** Completes when the consumer stops; fails when it stopped by itself. */
    Future<Void> terminated() {
        return consumer.terminated();
    }

    Set<TopicPartition> owned() {
        return Set.copyOf(owned);
    }

    /** The numbers of the partitions it owns, in order. */
    SortedSet<Integer> ownedPartitions() {
        SortedSet<Integer> numbers = new TreeSet<>();
        owned.forEach(tp -> numbers.add(tp.partition()));
        return numbers;
    }

    Future<Map<TopicPartition, PartitionProgress>> progress() {
        return consumer.progress();
    }

    /** Graceful: finishes in-flight records, commits, releases its partitions, leaves; then closes Vert.x. */
    Future<Void> close() {
        return consumer.close().eventually(vertx::close);
    }

    /** A crash: no commit, no leave; the coordinator notices after the session timeout. */
    Future<Void> kill() {
        return consumer.abort().eventually(vertx::close);
    }
}
