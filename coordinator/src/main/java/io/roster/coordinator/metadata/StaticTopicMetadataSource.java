package io.roster.coordinator.metadata;

import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics that the owner sets by hand: the fake for tests that must not need a Kafka
 * cluster. Every call answers at once from what was set; {@link #unavailable} makes the
 * cluster-reading calls fail the way a lost cluster would. Offsets: log end offsets, log start
 * offsets and record timestamps are set per partition; unset ones are zero (and, for a time,
 * the log end).
 *
 * <p>Listeners run on the thread that changed the topics, unless the source was given a
 * context: then they run on that context, like {@link KafkaTopicMetadataSource}'s.
 */
public final class StaticTopicMetadataSource implements TopicMetadataSource {

    private static final Logger LOG = LoggerFactory.getLogger(StaticTopicMetadataSource.class);

    private final Context context;
    private final List<Handler<TopicMetadataChange>> listeners = new CopyOnWriteArrayList<>();
    private final Map<TopicPartition, Long> logEndOffsets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> logStartOffsets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, NavigableMap<Long, Long>> offsetsByTimestamp = new ConcurrentHashMap<>();
    private volatile TopicMetadata snapshot = TopicMetadata.empty();
    private volatile Throwable unavailable;
    private volatile boolean closed;

    /** Listeners run on the thread that changes the topics. */
    public StaticTopicMetadataSource() {
        this(null);
    }

    /** Listeners run on {@code context} (none: on the caller's thread). */
    public StaticTopicMetadataSource(Context context) {
        this.context = context;
    }

    /** Replaces every topic; listeners hear of the partition counts that changed. */
    public StaticTopicMetadataSource setTopics(TopicMetadata topics) {
        return change(topicsByName -> {
            topicsByName.clear();
            topics.topics().forEach(t -> topicsByName.put(t.name(), t));
        });
    }

    /** Adds or replaces one topic. */
    public StaticTopicMetadataSource setTopic(TopicInfo topic) {
        return change(topicsByName -> topicsByName.put(topic.name(), topic));
    }

    /** Adds or replaces one topic without rack information. */
    public StaticTopicMetadataSource setTopic(String name, int partitionCount) {
        return setTopic(new TopicInfo(name, partitionCount));
    }

    public StaticTopicMetadataSource removeTopic(String name) {
        return change(topicsByName -> topicsByName.remove(name));
    }

    public StaticTopicMetadataSource setLogEndOffset(TopicPartition partition, long offset) {
        logEndOffsets.put(partition, offset);
        return this;
    }

    /** The log start offset {@link #offsetsAt} gives for {@link OffsetPosition#earliest()}; zero if never set. */
    public StaticTopicMetadataSource setLogStartOffset(TopicPartition partition, long offset) {
        logStartOffsets.put(partition, offset);
        return this;
    }

    /**
     * Records that the record at {@code offset} of the partition was written at
     * {@code timestampMs}: a lookup by time gives the smallest offset so marked at or after
     * the time, else the log end offset. Timestamps should grow with offsets, as in Kafka.
     */
    public StaticTopicMetadataSource setRecordTimestamp(TopicPartition partition, long offset, long timestampMs) {
        offsetsByTimestamp.computeIfAbsent(partition, p -> new ConcurrentSkipListMap<>()).merge(timestampMs, offset, Math::min);
        return this;
    }

    /**
     * From now on {@link #ensureKnown} (when it would have to refresh) and {@link #logEndOffsets}
     * fail with a {@link MetadataUnavailableException} caused by {@code cause}; {@code null}
     * makes the cluster reachable again.
     */
    public StaticTopicMetadataSource unavailable(Throwable cause) {
        this.unavailable = cause;
        return this;
    }

    @Override
    public Future<Void> start() {
        return Future.succeededFuture();
    }

    @Override
    public TopicMetadata current() {
        return snapshot;
    }

    @Override
    public Future<TopicMetadata> ensureKnown(Set<String> topics) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("[metadata] the topic metadata source is closed"));
        }
        TopicMetadata known = snapshot;
        if (known.topicNames().containsAll(topics)) {
            return Future.succeededFuture(known);
        }
        // Like the real source: an unknown topic means asking the cluster, which may be away.
        Throwable cause = unavailable;
        return cause == null ? Future.succeededFuture(known) : Future.failedFuture(
                new MetadataUnavailableException("[metadata] cannot refresh the topic metadata (static source): " + cause, cause));
    }

    /** The offsets set for partitions the topics have; zero for those never set. */
    @Override
    public Future<Map<TopicPartition, Long>> logEndOffsets(Set<TopicPartition> partitions) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("[metadata] the topic metadata source is closed"));
        }
        Throwable cause = unavailable;
        if (cause != null) {
            return Future.failedFuture(new MetadataUnavailableException(
                    "[metadata] cannot read the log end offsets (static source): " + cause, cause));
        }
        TopicMetadata known = snapshot;
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (tp.partition() < known.partitionCount(tp.topic())) {
                ends.put(tp, logEndOffsets.getOrDefault(tp, 0L));
            }
        }
        return Future.succeededFuture(Map.copyOf(ends));
    }

    @Override
    public Future<Map<TopicPartition, Long>> offsetsAt(Set<TopicPartition> partitions, OffsetPosition position) {
        return logEndOffsets(partitions).map(ends -> {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            ends.forEach((tp, end) -> offsets.put(tp, switch (position.kind()) {
                case EARLIEST -> logStartOffsets.getOrDefault(tp, 0L);
                case LATEST -> end;
                case TIMESTAMP -> {
                    NavigableMap<Long, Long> index = offsetsByTimestamp.get(tp);
                    Map.Entry<Long, Long> first = index == null ? null : index.ceilingEntry(position.timestampMs());
                    yield first == null ? end : first.getValue();
                }
            }));
            return Map.copyOf(offsets);
        });
    }

    @Override
    public void addChangeListener(Handler<TopicMetadataChange> listener) {
        listeners.add(listener);
    }

    @Override
    public Future<Void> close() {
        closed = true;
        return Future.succeededFuture();
    }

    /** Edits the topics under a lock, so that concurrent edits never lose one; tells listeners after. */
    private StaticTopicMetadataSource change(Consumer<Map<String, TopicInfo>> edit) {
        TopicMetadataChange change;
        synchronized (this) {
            Map<String, TopicInfo> topics = new HashMap<>();
            snapshot.topics().forEach(t -> topics.put(t.name(), t));
            edit.accept(topics);
            TopicMetadata next = TopicMetadata.of(topics.values());
            change = TopicMetadataChange.between(snapshot, next);
            snapshot = next;
        }
        if (change != null) {
            notifyListeners(change);
        }
        return this;
    }

    private void notifyListeners(TopicMetadataChange change) {
        if (context == null || Vertx.currentContext() == context) {
            callListeners(change);
        } else {
            context.runOnContext(v -> callListeners(change));
        }
    }

    private void callListeners(TopicMetadataChange change) {
        for (Handler<TopicMetadataChange> listener : listeners) {
            try {
                listener.handle(change);
            } catch (RuntimeException e) {
                LOG.error("[metadata] a metadata change listener failed on {}", change.describe(), e);
            }
        }
    }
}
