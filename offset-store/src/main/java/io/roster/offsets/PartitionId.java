package io.roster.offsets;

import java.util.Objects;

/**
 * One partition of one Kafka topic: the unit that offsets are committed for and that members own.
 *
 * <p>Defined here rather than borrowed from another Roster module because the offset store depends on
 * Hazelcast only.
 *
 * @param topic     the topic name, never empty
 * @param partition the partition number, zero or more
 */
public record PartitionId(String topic, int partition) implements Comparable<PartitionId> {

    public PartitionId {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic name must not be empty (partition " + partition + ")");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition of topic '" + topic + "' must not be negative: " + partition);
        }
    }

    @Override
    public int compareTo(PartitionId other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    /** Kafka's notation: {@code orders-3}. */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
