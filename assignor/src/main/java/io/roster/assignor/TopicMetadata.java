package io.roster.assignor;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The topics of the cluster an assignment is computed for, by name. Immutable. */
public final class TopicMetadata {

    private static final TopicMetadata EMPTY = new TopicMetadata(Map.of());

    private final Map<String, TopicInfo> topics;

    private TopicMetadata(Map<String, TopicInfo> topics) {
        this.topics = topics;
    }

    public static TopicMetadata empty() {
        return EMPTY;
    }

    public static TopicMetadata of(Collection<TopicInfo> topics) {
        Map<String, TopicInfo> byName = new HashMap<>(topics.size() * 2);
        for (TopicInfo topic : topics) {
            if (topic == null) {
                throw new IllegalArgumentException("topic metadata must not contain null");
            }
            if (byName.putIfAbsent(topic.name(), topic) != null) {
                throw new IllegalArgumentException("topic '" + topic.name() + "' is described twice");
            }
        }
        return new TopicMetadata(Collections.unmodifiableMap(byName));
    }

    public static TopicMetadata of(TopicInfo... topics) {
        return of(java.util.Arrays.asList(topics));
    }

    /** Topics without rack information, from name to partition count. */
    public static TopicMetadata ofPartitionCounts(Map<String, Integer> partitionCounts) {
        return of(partitionCounts.entrySet().stream().map(e -> {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("topic '" + e.getKey() + "' has no partition count");
            }
            return new TopicInfo(e.getKey(), e.getValue());
        }).toList());
    }

    /** The topic, or {@code null} when the cluster has no such topic. */
    public TopicInfo topic(String name) {
        return topics.get(name);
    }

    /** The partition count of the topic, or -1 when the cluster has no such topic. */
    public int partitionCount(String name) {
        TopicInfo topic = topics.get(name);
        return topic == null ? -1 : topic.partitionCount();
    }

    public Set<String> topicNames() {
        return topics.keySet();
    }

    public Collection<TopicInfo> topics() {
        return topics.values();
    }

    @Override
    public String toString() {
        return "TopicMetadata" + topics.values();
    }
}
