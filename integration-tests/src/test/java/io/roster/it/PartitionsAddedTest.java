package io.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The topic grows from 4 to 8 partitions: the group rebalances by itself and the new partitions are consumed. */
class PartitionsAddedTest {

    private static final String TOPIC = "growing";
    @RegisterExtension
    static final RosterCluster cluster = RosterCluster.withNodes(1).topic(TOPIC, 4);

    @Test
    void newPartitionsAreAssignedAndConsumed() {
        Ledger ledger = new Ledger();
        TestConsumer first = TestConsumer.start("first", cluster.consumerConfig("growers", TOPIC).build(), ledger);
        TestConsumer second = TestConsumer.start("second", cluster.consumerConfig("growers", TOPIC).build(), ledger);
        try {
            awaitOwners(first, second, 4);

            cluster.kafka().addPartitions(TOPIC, 8);
            awaitOwners(first, second, 8);
            for (int partition = 0; partition < 8; partition++) {
                cluster.kafka().produce(TOPIC, partition, 10);
            }

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ledger.processed().size() == 80);
            for (int partition = 4; partition < 8; partition++) {
                TopicPartition tp = new TopicPartition(TOPIC, partition);
                assertEquals(10, ledger.processed().stream().filter(p -> p.partition().equals(tp)).count(), tp.toString());
            }
            assertEquals(List.of(), ledger.overlappingOwners());
        } finally {
            first.close();
            second.close();
        }
    }

    private static void awaitOwners(TestConsumer first, TestConsumer second, int partitions) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Set<TopicPartition> all = new HashSet<>(first.owned());
            all.addAll(second.owned());
            return first.owned().size() == partitions / 2 && second.owned().size() == partitions / 2
                    && all.size() == partitions;
        });
    }
}
