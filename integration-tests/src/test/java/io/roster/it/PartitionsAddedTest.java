package io.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
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
            Balance.await(List.of(first, second), 4);

            cluster.kafka().addPartitions(TOPIC, 8);
            Balance.await(List.of(first, second), 8);
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
}
