package io.roster.it;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/** Waits, as the consumers' listeners see it, for a group to settle. */
final class Balance {

    private Balance() {
    }

    /**
     * Waits (at most 30 s) until the consumers own {@code partitions} partitions between them, each exactly
     * once, and their counts differ by at most one.
     */
    static void await(List<TestConsumer> consumers, int partitions) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Set<TopicPartition> all = new HashSet<>();
            int owned = 0;
            int smallest = Integer.MAX_VALUE;
            int largest = 0;
            for (TestConsumer consumer : consumers) {
                int count = consumer.owned().size();
                all.addAll(consumer.owned());
                owned += count;
                smallest = Math.min(smallest, count);
                largest = Math.max(largest, count);
            }
            return all.size() == partitions && owned == partitions && largest - smallest <= 1;
        });
    }
}
