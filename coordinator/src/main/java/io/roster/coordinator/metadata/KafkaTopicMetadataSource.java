package io.roster.coordinator.metadata;

import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.OffsetSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic metadata read from a Kafka cluster with vertx-kafka-client's {@link KafkaAdminClient}
 * ({@code listTopics}, {@code describeTopics}, {@code listOffsets}): version 5.1.1 has every
 * call needed here, so Kafka's own {@code Admin} is not used directly.
 *
 * <p>All state lives on one Vert.x context, the one that called {@link #start()}; calls from
 * other threads hop onto it. The admin client completes its futures on the context that
 * made the call, so every callback runs there too. Only {@link #current()} reads from any
 * thread, through a volatile field.
 *
 * <p>A refresh is {@code listTopics} then {@code describeTopics} of the non-internal topics.
 * At most one runs at a time: the timer, and any caller of {@link #ensureKnown} that finds a
 * refresh under way, share it. The next timer is set only when a refresh has ended, so a
 * slow cluster slows refreshes down instead of piling them up. A failed refresh is logged
 * and tried again at the next tick; the last good snapshot stays in use meanwhile.
 */
public final class KafkaTopicMetadataSource implements TopicMetadataSource {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicMetadataSource.class);

    private final Vertx vertx;
    private final KafkaMetadataConfig config;
    private final List<Handler<TopicMetadataChange>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong refreshes = new AtomicLong();

    private volatile TopicMetadata snapshot = TopicMetadata.empty();
    private volatile Context context;

    // Touched on the context only.
    private static final long CLOSE_TIMEOUT_MS = 100;

    private KafkaAdminClient admin;
    private Future<TopicMetadata> refreshUnderWay;
    private long timerId = -1;
    private int failuresInARow;
    private boolean loaded;
    private boolean closed;

    public KafkaTopicMetadataSource(Vertx vertx, KafkaMetadataConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public synchronized Future<Void> start() {
        if (context != null) {
            return Future.failedFuture(new IllegalStateException("[metadata] the topic metadata source was already started"));
        }
        context = vertx.getOrCreateContext();
        // Kafka's client resolves the bootstrap host names (DNS) and starts its network thread
        // while it is built: not for an event loop.
        return onContext(() -> vertx.executeBlocking(() -> KafkaAdminClient.create(vertx, config.adminClientProperties()))
                .compose(created -> {
                    if (closed) {
                        // Closed while the client was being built: nobody else will close it.
                        return created.close(config.requestTimeoutMs()).transform(done -> Future.failedFuture(
                                new IllegalStateException("[metadata] the topic metadata source was closed while starting")));
                    }
                    admin = created;
                    LOG.info("[metadata] reading topics of the Kafka cluster at {} every {} ms",
                            config.bootstrapServers(), config.refreshIntervalMs());
                    // Serve with whatever the first refresh gave, even nothing: it is retried at each tick.
                    return refresh().<Void>mapEmpty().otherwiseEmpty().onComplete(done -> scheduleNextRefresh());
                }));
    }

    @Override
    public TopicMetadata current() {
        return snapshot;
    }

    @Override
    public Future<TopicMetadata> ensureKnown(Set<String> topics) {
        Set<String> wanted = Set.copyOf(topics);
        return onContext(() -> {
            checkOpen();
            if (knowsAll(snapshot, wanted)) {
                return Future.succeededFuture(snapshot);
            }
            if (refreshUnderWay == null) {
                return refresh();
            }
            // The refresh under way may have listed topics before one of these was created.
            // If it misses any, wait for the next refresh: it begins after this call, and every
            // caller in the same situation shares it.
            return refreshUnderWay.compose(metadata -> knowsAll(metadata, wanted)
                    ? Future.succeededFuture(metadata) : refresh());
        });
    }

    @Override
    public Future<Map<TopicPartition, Long>> logEndOffsets(Set<TopicPartition> partitions) {
        return offsetsAt(partitions, OffsetPosition.latest());
    }

    @Override
    public Future<Map<TopicPartition, Long>> offsetsAt(Set<TopicPartition> partitions, OffsetPosition position) {
        Set<TopicPartition> wanted = Set.copyOf(partitions);
        return onContext(() -> {
            checkOpen();
            TopicMetadata known = snapshot;
            Set<TopicPartition> asked = new HashSet<>();
            for (TopicPartition tp : wanted) {
                // Asking Kafka 4.4 for a partition that does not exist fails the whole call: at
                // once for an unknown topic, but only after the whole timeout for a partition
                // beyond a topic's count. So ask only for what the snapshot knows.
                if (tp.partition() < known.partitionCount(tp.topic())) {
                    asked.add(tp);
                }
            }
            if (asked.isEmpty()) {
                return Future.succeededFuture(Map.of());
            }
            return switch (position.kind()) {
                case EARLIEST -> listOffsets(asked, OffsetSpec.EARLIEST, "log start offsets");
                case LATEST -> listOffsets(asked, OffsetSpec.LATEST, "log end offsets");
                case TIMESTAMP -> listOffsets(asked, OffsetSpec.TIMESTAMP(position.timestampMs()), "offsets by time")
                        .compose(byTime -> {
                            // Kafka answers -1 where no record is that recent: the log end, as its reset tool does.
                            Set<TopicPartition> none = new HashSet<>();
                            byTime.forEach((tp, offset) -> {
                                if (offset < 0) {
                                    none.add(tp);
                                }
                            });
                            if (none.isEmpty()) {
                                return Future.succeededFuture(byTime);
                            }
                            return listOffsets(none, OffsetSpec.LATEST, "log end offsets").map(ends -> {
                                Map<TopicPartition, Long> merged = new HashMap<>(byTime);
                                merged.putAll(ends);
                                return Map.copyOf(merged);
                            });
                        });
            };
        });
    }

    /** On the context: one {@code listOffsets} call for partitions the snapshot knows. */
    private Future<Map<TopicPartition, Long>> listOffsets(Set<TopicPartition> partitions, OffsetSpec spec, String what) {
        Map<io.vertx.kafka.client.common.TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition tp : partitions) {
            request.put(new io.vertx.kafka.client.common.TopicPartition(tp.topic(), tp.partition()), spec);
        }
        return admin.listOffsets(request)
                .<Map<TopicPartition, Long>>map(offsets -> {
                    Map<TopicPartition, Long> result = new HashMap<>();
                    offsets.forEach((tp, info) ->
                            result.put(new TopicPartition(tp.getTopic(), tp.getPartition()), info.getOffset()));
                    return Map.copyOf(result);
                })
                .recover(failure -> Future.failedFuture(unavailable(
                        "cannot read the " + what + " of " + request.size() + " partitions", failure)));
    }

    @Override
    public void addChangeListener(Handler<TopicMetadataChange> listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized Future<Void> close() {
        if (context == null) {
            closed = true;
            return Future.succeededFuture();
        }
        return onContext(() -> {
            if (closed) {
                return Future.succeededFuture();
            }
            closed = true;
            vertx.cancelTimer(timerId);
            // Without waiting for calls in flight (an unreachable cluster would hold the stop for their whole
            // timeout while the admin thread spins re-bootstrapping). Not 0: vertx-kafka-client reads 0 as
            // "close() without a timeout".
            return admin == null ? Future.succeededFuture() : admin.close(CLOSE_TIMEOUT_MS);
        });
    }

    /** Refreshes completed so far, successful or not; a refresh shared by callers counts once. */
    public long refreshCount() {
        return refreshes.get();
    }

    /** On the context: the refresh under way, or a new one. */
    private Future<TopicMetadata> refresh() {
        if (refreshUnderWay != null) {
            return refreshUnderWay;
        }
        Promise<TopicMetadata> done = Promise.promise();
        refreshUnderWay = done.future();
        readTopics().onComplete(result -> {
            // Cleared before anyone is told, so that a waiter that needs another refresh starts one.
            refreshUnderWay = null;
            refreshes.incrementAndGet();
            if (closed) {
                done.fail(new IllegalStateException("[metadata] the topic metadata source is closed"));
            } else if (result.succeeded()) {
                applied(result.result());
                done.complete(result.result());
            } else {
                done.fail(failed(result.cause()));
            }
        });
        return done.future();
    }

    /**
     * A topic deleted between the two calls fails {@code describeTopics} as a whole: that
     * refresh fails and the next one, which no longer lists the topic, succeeds.
     */
    private Future<TopicMetadata> readTopics() {
        try {
            return admin.listTopics().compose(names -> {
                List<String> topics = names.stream().filter(name -> !TopicDescriptions.isInternal(name)).sorted().toList();
                return topics.isEmpty()
                        ? Future.succeededFuture(TopicMetadata.empty())
                        : admin.describeTopics(topics).map(described -> TopicDescriptions.toTopicMetadata(described.values()));
            });
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private void applied(TopicMetadata next) {
        if (failuresInARow > 0) {
            LOG.info("[metadata] the Kafka cluster at {} answers again after {} failed refreshes",
                    config.bootstrapServers(), failuresInARow);
            failuresInARow = 0;
        }
        TopicMetadata previous = snapshot;
        boolean first = !loaded;
        snapshot = next;
        loaded = true;
        TopicMetadataChange change = TopicMetadataChange.between(previous, next);
        if (change == null) {
            return;
        }
        if (first) {
            // Naming every topic of a large cluster would flood the log.
            LOG.info("[metadata] first snapshot: {} topics", next.topicNames().size());
        } else {
            LOG.info("[metadata] partition counts changed: {}", change.describe());
        }
        for (Handler<TopicMetadataChange> listener : listeners) {
            try {
                listener.handle(change);
            } catch (RuntimeException e) {
                LOG.error("[metadata] a metadata change listener failed on {}", change.describe(), e);
            }
        }
    }

    private MetadataUnavailableException failed(Throwable cause) {
        failuresInARow++;
        MetadataUnavailableException error = unavailable("cannot refresh the topic metadata", cause);
        // Once at WARN, then quietly until it works again: an outage must not flood the log.
        if (failuresInARow == 1) {
            LOG.warn("{}; keeping the last snapshot of {} topics and retrying every {} ms",
                    error.getMessage(), snapshot.topicNames().size(), config.refreshIntervalMs());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} ({} failures in a row)", error.getMessage(), failuresInARow);
        }
        return error;
    }

    private MetadataUnavailableException unavailable(String what, Throwable failure) {
        // The admin client wraps Kafka's error (e.g. its TimeoutException) in a CompletionException.
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return new MetadataUnavailableException("[metadata] " + what + " of the Kafka cluster at "
                + config.bootstrapServers() + ": " + cause, cause);
    }

    private void scheduleNextRefresh() {
        if (!closed) {
            timerId = vertx.setTimer(config.refreshIntervalMs(),
                    id -> refresh().onComplete(done -> scheduleNextRefresh()));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("[metadata] the topic metadata source is closed");
        }
        if (admin == null) {
            throw new IllegalStateException("[metadata] the topic metadata source is still starting");
        }
    }

    private static boolean knowsAll(TopicMetadata metadata, Set<String> topics) {
        return metadata.topicNames().containsAll(topics);
    }

    /** Runs {@code action} on the source's context, now if already there; a throw fails the future. */
    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        Context ctx = context;
        if (ctx == null) {
            return Future.failedFuture(new IllegalStateException("[metadata] the topic metadata source is not started"));
        }
        if (Vertx.currentContext() == ctx) {
            return call(action);
        }
        Promise<T> promise = Promise.promise();
        ctx.runOnContext(v -> call(action).onComplete(promise));
        return promise.future();
    }

    private static <T> Future<T> call(Supplier<Future<T>> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
