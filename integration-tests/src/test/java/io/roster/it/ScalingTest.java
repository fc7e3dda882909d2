package io.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale 1 -> 4 -> 2 consumers of a 12-partition topic while records keep coming: nothing is
 * lost, nothing is processed twice (every member left gracefully), per-key order holds and no
 * partition ever has two owners.
 */
class ScalingTest {

    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 12;
    @RegisterExtension
    static final RosterCluster cluster = RosterCluster.withNodes(1).topic(TOPIC, PARTITIONS);

    @Test
    void scalingUpAndDownUnderLoadLosesNothingAndNeverDoubleOwns() {
        Ledger ledger = new Ledger();
        List<TestConsumer> consumers = new ArrayList<>();
        try (KeyedProducer producer = new KeyedProducer(cluster.kafka().bootstrapServers(), TOPIC, 48, 400,
                Duration.ofSeconds(90), ledger)) {
            consumers.add(TestConsumer.start("c1", cluster.consumerConfig("scaling", TOPIC).build(), ledger));
            Balance.await(consumers, PARTITIONS);
            awaitProgress(ledger, 500);

            for (int i = 2; i <= 4; i++) {
                consumers.add(TestConsumer.start("c" + i, cluster.consumerConfig("scaling", TOPIC).build(), ledger));
            }
            Balance.await(consumers, PARTITIONS);
            awaitProgress(ledger, ledger.processed().size() + 1_000);

            consumers.remove(3).close();
            consumers.remove(2).close();
            Balance.await(consumers, PARTITIONS);
            awaitProgress(ledger, ledger.processed().size() + 1_000);
            assertTrue(producer.sent() > 1_000, "sent " + producer.sent());
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ledger.unprocessed().isEmpty());
        consumers.forEach(TestConsumer::close);
        System.out.printf("scaling: %d produced, %d processed, %d ownership changes%n", ledger.produced().size(),
                ledger.processed().size(), ledger.ownership().size());

        assertTrue(ledger.produced().size() > 1_000, "produced " + ledger.produced().size());
        assertEquals(List.of(), ledger.unprocessed(), "lost records");
        assertEquals(0, ledger.duplicates().size(), "processed twice: " + ledger.duplicates());
        assertEquals(List.of(), ledger.outOfOrder(false));
        assertEquals(List.of(), ledger.overlappingOwners());
        assertTrue(ledger.ownership().stream().noneMatch(o -> o.change() == Ledger.Change.LOST), "nothing lost");
    }

    private static void awaitProgress(Ledger ledger, int processed) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ledger.processed().size() >= processed);
    }
}
