package io.roster.client;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * A record as the handler sees it: deserialized key and value, and where it came from.
 *
 * @param attempt 1 on the first delivery, more when it is delivered again after a failure
 */
public record ConsumedRecord<K, V>(String topic, int partition, long offset, long timestamp, K key, V value,
                                   Headers headers, int attempt) {

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }
}
