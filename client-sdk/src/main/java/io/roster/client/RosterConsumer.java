package io.roster.client;

import io.roster.client.internal.ConsumerEngine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A Kafka consumer whose partitions come from Roster coordinators instead of Kafka's group
 * management. It reads with vertx-kafka-client's {@code assign()} and {@code seek()}, hands
 * each record to the {@link RecordHandler} (in order per partition, partitions in parallel),
 * commits processed offsets only (contiguous, with its member epoch), rolls a partition back
 * to its committed offset when the handler fails, and releases a revoked partition only after
 * its in-flight records are done and committed.
 *
 * <pre>{@code
 * RosterConsumer<String, String> consumer = RosterConsumer.create(vertx, config, record -> {
 *     System.out.println(record.key() + " = " + record.value());
 *     return Future.succeededFuture();
 * });
 * consumer.start();
 * }</pre>
 *
 * <p>Everything runs on one Vert.x context, taken when the consumer is created; every method
 * may be called from any thread and answers with a future.
 */
public final class RosterConsumer<K, V> {

    private final Context context;
    private final ConsumerEngine<K, V> engine;
    private volatile boolean started;

    private RosterConsumer(Context context, ConsumerEngine<K, V> engine) {
        this.context = context;
        this.engine = engine;
    }

    public static <K, V> RosterConsumer<K, V> create(Vertx vertx, RosterConsumerConfig config, Deserializer<K> keys,
                                                     Deserializer<V> values, RecordHandler<K, V> handler) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(handler, "handler");
        Context context = vertx.getOrCreateContext();
        return new RosterConsumer<>(context, new ConsumerEngine<>(vertx, context, config, keys, values, handler));
    }

    /** Keys and values as UTF-8 strings. */
    public static RosterConsumer<String, String> create(Vertx vertx, RosterConsumerConfig config,
                                                        RecordHandler<String, String> handler) {
        return create(vertx, config, new StringDeserializer(), new StringDeserializer(), handler);
    }

    /** Adds a listener of ownership changes; only before {@link #start()}. */
    public RosterConsumer<K, V> listener(PartitionListener listener) {
        if (started) {
            throw new IllegalStateException("listeners are added before start()");
        }
        engine.addListener(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Joins the group and starts consuming; completes when the coordinator first answers. */
    public Future<Void> start() {
        if (started) {
            return Future.failedFuture(new IllegalStateException("already started"));
        }
        started = true;
        return onContext(engine::start);
    }

    /** Commits every processed offset now (the way to commit with {@link CommitPolicy#manual()}). */
    public Future<Void> commit() {
        return onContext(engine::commit);
    }

    /** Where each owned partition stands. */
    public Future<Map<TopicPartition, PartitionProgress>> progress() {
        return onContext(() -> Future.succeededFuture(engine.progress()));
    }

    /** The member id the coordinator gave (empty before the first answer). */
    public Future<String> memberId() {
        return onContext(() -> Future.succeededFuture(engine.memberId()));
    }

    /**
     * Releases every partition (in-flight records finish, processed offsets are committed),
     * leaves the group (a static member leaves temporarily) and closes its clients.
     */
    public Future<Void> close() {
        return onContext(engine::close);
    }

    /** Stops at once, as a crash would: nothing is committed and the group is not told. */
    public Future<Void> abort() {
        return onContext(engine::abort);
    }

    /**
     * Completes when the consumer has stopped: after {@link #close()} or {@link #abort()},
     * or failed when it stopped by itself (the failure policy said stop, or the coordinator
     * refused the member).
     */
    public Future<Void> terminated() {
        return engine.terminated();
    }

    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        if (Vertx.currentContext() == context) {
            return action.get();
        }
        Promise<T> result = Promise.promise();
        context.runOnContext(ignored -> {
            try {
                action.get().onComplete(result);
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return result.future();
    }
}
