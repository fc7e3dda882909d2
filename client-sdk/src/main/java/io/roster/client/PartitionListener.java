package io.roster.client;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Told of ownership changes, on the consumer's context. Every method has an empty default.
 */
public interface PartitionListener {

    /** The partitions are this member's now; their records will follow. */
    default void onAssigned(Set<TopicPartition> partitions) {
    }

    /** Released in order: in-flight records finished, processed offsets committed. */
    default void onRevoked(Set<TopicPartition> partitions) {
    }

    /**
     * Taken away without a commit (fenced, the member expired, the coordinator unreachable for
     * a session timeout): records processed since the last commit will be delivered again
     * to the next owner.
     */
    default void onLost(Set<TopicPartition> partitions) {
    }
}
