package io.roster.client.internal;

import io.roster.client.CommitPolicy;
import io.roster.client.ConsumedRecord;
import io.roster.client.CoordinatorException;
import io.roster.client.FailurePolicy;
import io.roster.client.PartitionListener;
import io.roster.client.PartitionProgress;
import io.roster.client.RecordHandler;
import io.roster.client.RecordProcessingException;
import io.roster.client.RetryPolicy;
import io.roster.client.RosterConsumerConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's machinery behind {@link io.roster.client.RosterConsumer}: the owned
 * partitions and what joins them, the membership, the fetcher, the committer. Everything
 * here runs on one Vert.x context, so none of its state needs a lock.
 */
public final class ConsumerEngine<K, V> implements PartitionServices, Membership.Reconciler, OffsetCommitter.Losses {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerEngine.class);
    private static final long LOG_END_REFRESH_MS = 1_000;
    private static final long OFFSETS_RETRY_MS = 500;

    private final Vertx vertx;
    private final Context context;
    private final RosterConsumerConfig config;
    private final Deserializer<K> keys;
    private final Deserializer<V> values;
    private final RecordHandler<K, V> handler;
    private final List<PartitionListener> listeners = new ArrayList<>();
    private final Map<TopicPartition, PartitionWorker> workers = new LinkedHashMap<>();
    private final Map<TopicPartition, Future<Void>> releasing = new HashMap<>();
    private final Promise<Void> terminated = Promise.promise();
    private final CoordinatorClient client;
    private final Membership membership;
    private final OffsetCommitter committer;
    private final DeadLetterPublisher deadLetters;
    private Fetcher fetcher;
    private long commitTimer = -1;
    private long logEndTimer = -1;
    private boolean closing;
    private Future<Void> closed;

    public ConsumerEngine(Vertx vertx, Context context, RosterConsumerConfig config, Deserializer<K> keys,
                          Deserializer<V> values, RecordHandler<K, V> handler) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.keys = keys;
        this.values = values;
        this.handler = handler;
        this.client = new CoordinatorClient(vertx, config.coordinators(), config.groupId(), config.requestTimeout());
        this.membership = new Membership(vertx, client, config, this);
        this.committer = new OffsetCommitter(client, membership, workers, this);
        this.deadLetters = new DeadLetterPublisher(vertx, config.kafkaProperties());
    }

    public void addListener(PartitionListener listener) {
        listeners.add(listener);
    }

    /** Starts fetching and joins the group; completes at the coordinator's first answer. */
    public Future<Void> start() {
        Map<String, Object> properties = new HashMap<>(config.kafkaProperties());
        properties.put("key.deserializer", ByteArrayDeserializer.class);
        properties.put("value.deserializer", ByteArrayDeserializer.class);
        properties.put("enable.auto.commit", "false");
        properties.put("auto.offset.reset", config.offsetReset() == RosterConsumerConfig.OffsetReset.EARLIEST
                ? "earliest" : "latest");
        // Building a Kafka consumer loads classes, registers JMX beans, resolves addresses: not on the event loop.
        return vertx.executeBlocking(() -> new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(properties))
                .compose(this::startWith);
    }

    private Future<Void> startWith(org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> kafka) {
        KafkaConsumer<byte[], byte[]> consumer = KafkaConsumer.create(vertx, kafka);
        if (closing) {
            return consumer.close().compose(closed -> Future.failedFuture(new IllegalStateException("closed while starting")));
        }
        fetcher = new Fetcher(vertx, context, consumer, config.pollTimeout(), this::dispatch);
        fetcher.start();
        CommitPolicy policy = config.commitPolicy();
        if (policy.mode() == CommitPolicy.Mode.PERIODIC) {
            commitTimer = vertx.setPeriodic(policy.interval().toMillis(), tick -> committer.commit(null));
        }
        logEndTimer = vertx.setPeriodic(LOG_END_REFRESH_MS, tick -> refreshLogEnds());
        return membership.start();
    }

    public Future<Void> terminated() {
        return terminated.future();
    }

    public String memberId() {
        return membership.memberId();
    }

    public int memberEpoch() {
        return membership.memberEpoch();
    }

    public Future<Void> commit() {
        return committer.commit(null);
    }

    public Map<TopicPartition, PartitionProgress> progress() {
        Map<TopicPartition, PartitionProgress> progress = new LinkedHashMap<>();
        workers.forEach((tp, worker) -> {
            if (worker.owned()) {
                progress.put(tp, worker.progress());
            }
        });
        return progress;
    }

    /** Releases every partition (committing it), leaves the group, closes the clients. */
    public Future<Void> close() {
        return shutDown(null);
    }

    /** Stops at once, as a crash would: no commit, no leave. */
    public Future<Void> abort() {
        if (closed != null) {
            return closed;
        }
        closing = true;
        membership.stop();
        stopTimers();
        workers.values().forEach(PartitionWorker::drop);
        workers.clear();
        closed = closeClients().onComplete(done -> terminated.tryComplete());
        return closed;
    }

    // ---- Membership.Reconciler ----

    @Override
    public Future<Void> reconcile(Set<TopicPartition> assigned, Set<TopicPartition> toRevoke) {
        if (closing) {
            return Future.succeededFuture();
        }
        Set<TopicPartition> lost = new LinkedHashSet<>();
        for (PartitionWorker worker : workers.values()) {
            TopicPartition tp = worker.partition();
            if (worker.state() != PartitionWorker.State.RELEASING && !assigned.contains(tp) && !toRevoke.contains(tp)) {
                lost.add(tp);
            }
        }
        if (!lost.isEmpty()) {
            partitionsLost(lost, "no longer assigned");
        }
        Set<TopicPartition> fresh = new LinkedHashSet<>(assigned);
        fresh.removeAll(workers.keySet());
        if (!fresh.isEmpty()) {
            take(fresh);
        }
        List<Future<Void>> releases = new ArrayList<>();
        Set<TopicPartition> toRelease = new LinkedHashSet<>();
        for (TopicPartition tp : toRevoke) {
            if (releasing.containsKey(tp)) {
                releases.add(releasing.get(tp));
            } else if (workers.containsKey(tp)) {
                toRelease.add(tp);
            }
        }
        if (!toRelease.isEmpty()) {
            releases.add(release(toRelease));
        }
        return Future.all(releases).mapEmpty();
    }

    @Override
    public Set<TopicPartition> owned() {
        return workers.values().stream().filter(PartitionWorker::owned).map(PartitionWorker::partition)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public void loseAll(String reason) {
        if (!workers.isEmpty()) {
            partitionsLost(new LinkedHashSet<>(workers.keySet()), reason);
        }
    }

    @Override
    public void refused(CoordinatorException cause) {
        LOG.error("stopping: {}", cause.getMessage());
        shutDown(cause);
    }

    // ---- OffsetCommitter.Losses ----

    @Override
    public void partitionsLost(Set<TopicPartition> partitions, String reason) {
        Set<TopicPartition> gone = new LinkedHashSet<>();
        for (TopicPartition tp : partitions) {
            PartitionWorker worker = workers.remove(tp);
            if (worker != null) {
                worker.drop();
                gone.add(tp);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        LOG.info("member {} lost {} ({})", membership.memberId(), gone, reason);
        fetcher.assign(workers.keySet());
        listeners.forEach(listener -> listener.onLost(gone));
    }

    @Override
    public void memberGone(String reason) {
        loseAll(reason);
        if (!closing) {
            membership.rejoin(reason);
        }
    }

    // ---- PartitionServices ----

    @Override
    public Fetcher fetcher() {
        return fetcher;
    }

    @Override
    public Future<Void> process(ConsumerRecord<byte[], byte[]> record, int attempt) {
        try {
            K key = keys.deserialize(record.topic(), record.headers(), record.key());
            V value = values.deserialize(record.topic(), record.headers(), record.value());
            Future<Void> handled = handler.handle(new ConsumedRecord<>(record.topic(), record.partition(),
                    record.offset(), record.timestamp(), key, value, record.headers(), attempt));
            return handled != null ? handled : Future.failedFuture(new IllegalStateException("the handler returned null"));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    @Override
    public Future<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, Throwable cause, int attempts) {
        try {
            String topic = config.failurePolicy().deadLetterTopic(record.topic());
            LOG.warn("{}-{}@{} failed {} time(s), published to {}: {}", record.topic(), record.partition(),
                    record.offset(), attempts, topic, cause.toString());
            return deadLetters.publish(topic, record, cause, attempts);
        } catch (RuntimeException e) {
            // A naming that gives no topic, a producer that cannot be created: the worker stops on it
            return Future.failedFuture(e);
        }
    }

    @Override
    public void stop(RecordProcessingException cause) {
        LOG.error("stopping: {}", cause.getMessage());
        shutDown(cause);
    }

    @Override
    public void onContext(Runnable action) {
        context.runOnContext(ignored -> action.run());
    }

    @Override
    public long setTimer(long delayMs, Runnable action) {
        return vertx.setTimer(delayMs, id -> action.run());
    }

    @Override
    public void cancelTimer(long id) {
        vertx.cancelTimer(id);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return config.retryPolicy();
    }

    @Override
    public FailurePolicy failurePolicy() {
        return config.failurePolicy();
    }

    @Override
    public int maxQueued() {
        return config.maxQueuedPerPartition();
    }

    // ---- internals ----

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        FetchBatch batch = new FetchBatch(records.count(), this::batchDone);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            PartitionWorker worker = workers.get(new TopicPartition(record.topic(), record.partition()));
            if (worker == null) {
                batch.done();
            } else {
                worker.offer(record, batch);
            }
        }
    }

    private void batchDone() {
        if (config.commitPolicy().mode() == CommitPolicy.Mode.AFTER_BATCH && !closing) {
            committer.commit(null);
        }
    }

    /** New partitions: start each at its committed offset, or per the offset reset when it has none. */
    private void take(Set<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            workers.put(tp, new PartitionWorker(tp, this));
        }
        fetcher.assign(workers.keySet());
        listeners.forEach(listener -> listener.onAssigned(Set.copyOf(partitions)));
        startAtCommitted(partitions);
    }

    private void startAtCommitted(Set<TopicPartition> partitions) {
        client.committedOffsets().onComplete(answer -> {
            Set<TopicPartition> waiting = partitions.stream()
                    .filter(tp -> workers.containsKey(tp) && workers.get(tp).state() == PartitionWorker.State.STARTING)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (waiting.isEmpty() || closing) {
                return;
            }
            if (answer.failed()) {
                LOG.warn("committed offsets of {} not read, retrying: {}", config.groupId(), answer.cause().toString());
                vertx.setTimer(OFFSETS_RETRY_MS, tick -> startAtCommitted(waiting));
                return;
            }
            Map<TopicPartition, Long> committed = committedOffsets(answer.result());
            boolean fromStart = config.offsetReset() == RosterConsumerConfig.OffsetReset.EARLIEST;
            for (TopicPartition tp : waiting) {
                long offset = committed.getOrDefault(tp, -1L);
                fetcher.seek(tp, offset, fromStart).onSuccess(position -> {
                    PartitionWorker worker = workers.get(tp);
                    if (worker != null) {
                        worker.started(position, offset);
                    }
                }).onFailure(failure -> {
                    if (workers.containsKey(tp)) {
                        LOG.warn("could not position {}, retrying: {}", tp, failure.toString());
                        vertx.setTimer(OFFSETS_RETRY_MS, tick -> startAtCommitted(Set.of(tp)));
                    }
                });
            }
        });
    }

    private static Map<TopicPartition, Long> committedOffsets(JsonObject answer) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        JsonArray entries = answer.getJsonArray("offsets", new JsonArray());
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = entries.getJsonObject(i);
            offsets.put(new TopicPartition(entry.getString("topic"), entry.getInteger("partition")),
                    entry.getLong("offset"));
        }
        return offsets;
    }

    /** Revocation: stop taking records, finish the ones in flight, commit, then let go. */
    private Future<Void> release(Set<TopicPartition> partitions) {
        // Noted before the chain starts: it can complete at once (nothing in flight, nothing to commit), and its
        // last step must find the entries to remove, or a later revocation of the same partition would wait on it.
        Promise<Void> done = Promise.promise();
        partitions.forEach(tp -> releasing.put(tp, done.future()));
        List<Future<Void>> quiet = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            quiet.add(workers.get(tp).quiesce());
        }
        Future.all(quiet)
                .compose(all -> committer.commit(partitions).recover(failure -> Future.succeededFuture()))
                .map(committed -> {
                    Set<TopicPartition> revoked = new LinkedHashSet<>();
                    for (TopicPartition tp : partitions) {
                        releasing.remove(tp);
                        PartitionWorker worker = workers.remove(tp);
                        if (worker != null) {
                            worker.drop();
                            revoked.add(tp);
                        }
                    }
                    fetcher.assign(workers.keySet());
                    if (!revoked.isEmpty()) {
                        listeners.forEach(listener -> listener.onRevoked(revoked));
                    }
                    return (Void) null;
                })
                .onComplete(done);
        return done.future();
    }

    private void refreshLogEnds() {
        Set<TopicPartition> active = workers.values().stream()
                .filter(w -> w.state() == PartitionWorker.State.ACTIVE || w.state() == PartitionWorker.State.BACKING_OFF)
                .map(PartitionWorker::partition).collect(Collectors.toSet());
        if (active.isEmpty()) {
            return;
        }
        fetcher.endOffsets(active).onSuccess(ends -> ends.forEach((tp, end) -> {
            PartitionWorker worker = workers.get(tp);
            if (worker != null) {
                worker.logEnd(end);
            }
        }));
    }

    private Future<Void> shutDown(Throwable cause) {
        if (closed != null) {
            return closed;
        }
        closing = true;
        stopTimers();
        Set<TopicPartition> all = new LinkedHashSet<>(workers.keySet());
        Future<Void> released = all.isEmpty() ? Future.succeededFuture() : release(all);
        closed = released.compose(done -> membership.leave())
                .eventually(() -> closeClients())
                .onComplete(done -> {
                    if (cause == null) {
                        terminated.tryComplete();
                    } else {
                        terminated.tryFail(cause);
                    }
                });
        return closed;
    }

    private void stopTimers() {
        if (commitTimer >= 0) {
            vertx.cancelTimer(commitTimer);
        }
        if (logEndTimer >= 0) {
            vertx.cancelTimer(logEndTimer);
        }
    }

    private Future<Void> closeClients() {
        Future<Void> kafka = fetcher == null ? Future.succeededFuture() : fetcher.close();
        return Future.join(kafka, deadLetters.close(), client.close()).mapEmpty();
    }
}
