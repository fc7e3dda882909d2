package io.roster.it;

import io.roster.client.ConsumedRecord;
import io.roster.client.PartitionListener;
import io.roster.client.PartitionProgress;
import io.roster.client.RosterConsumer;
import io.roster.client.RosterConsumerConfig;
import io.roster.coordinator.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumer application instance: a {@link RosterConsumer} on a Vert.x of its own (as a
 * separate process would have), writing what it processes and owns into the ledger.
 */
public final class TestConsumer implements AutoCloseable {

    private final String name;
    private final Vertx vertx;
    private final RosterConsumer<String, String> consumer;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final Ledger ledger;
    private boolean stopped;

    private TestConsumer(String name, Vertx vertx, RosterConsumerConfig config, Ledger ledger,
                         Function<ConsumedRecord<String, String>, Future<Void>> behaviour) {
        this.name = name;
        this.vertx = vertx;
        this.ledger = ledger;
        this.consumer = RosterConsumer.create(vertx, config, record -> {
            Future<Void> outcome = behaviour.apply(record);
            return outcome.onSuccess(done -> ledger.processed(name, record.topicPartition(), record.offset(),
                    record.key(), record.value()));
        });
        consumer.listener(new PartitionListener() {
            @Override
            public void onAssigned(Set<TopicPartition> partitions) {
                owned.addAll(partitions);
                ledger.ownership(name, partitions, Ledger.Change.ASSIGNED);
            }

            @Override
            public void onRevoked(Set<TopicPartition> partitions) {
                owned.removeAll(partitions);
                ledger.ownership(name, partitions, Ledger.Change.REVOKED);
            }

            @Override
            public void onLost(Set<TopicPartition> partitions) {
                owned.removeAll(partitions);
                ledger.ownership(name, partitions, Ledger.Change.LOST);
            }
        });
    }

    /** Starts a consumer that processes every record successfully; returns once it joined. */
    public static TestConsumer start(String name, RosterConsumerConfig config, Ledger ledger) {
        return start(name, config, ledger, record -> Future.succeededFuture());
    }

    public static TestConsumer start(String name, RosterConsumerConfig config, Ledger ledger,
                                     Function<ConsumedRecord<String, String>, Future<Void>> behaviour) {
        // A long blocked-thread check: the zombie scenario blocks this instance's event loop on purpose.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
                .setBlockedThreadCheckInterval(1).setBlockedThreadCheckIntervalUnit(TimeUnit.HOURS));
        TestConsumer consumer = new TestConsumer(name, vertx, config, ledger, behaviour);
        Await.result(consumer.consumer.start());
        return consumer;
    }

    public String name() {
        return name;
    }

    public RosterConsumer<String, String> consumer() {
        return consumer;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The partitions it owns now, as its listener saw. */
    public Set<TopicPartition> owned() {
        return Set.copyOf(owned);
    }

    public Map<TopicPartition, PartitionProgress> progress() {
        return Await.result(consumer.progress());
    }

    /** Crashes: no commit, no leave. Whatever it owned, it stops owning as it dies. */
    public void kill() {
        if (!stopped) {
            stopped = true;
            Await.result(consumer.abort());
            Await.result(vertx.close());
            ledger.ownership(name, owned(), Ledger.Change.LOST);
            owned.clear();
        }
    }

    /** Graceful: commits, leaves. */
    @Override
    public void close() {
        if (!stopped) {
            stopped = true;
            Await.result(consumer.close());
            Await.result(vertx.close());
        }
    }
}
