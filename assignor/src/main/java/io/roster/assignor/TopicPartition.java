package io.roster.assignor;

/**
 * One partition of one topic.
 *
 * @param topic     the topic name, never empty
 * @param partition the partition number, zero or more
 */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {

    public TopicPartition {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic name must not be null or empty (partition " + partition + ")");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition of topic '" + topic + "' must not be negative: " + partition);
        }
    }

    @Override
    public int compareTo(TopicPartition other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    /** Kafka's notation: {@code orders-3}. */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
