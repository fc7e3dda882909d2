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
 * Two coordinator nodes; consumers talk to the first. It is killed: they fail over to the
 * second and carry on, and a consumer that joins afterwards is balanced in. No record is lost,
 * none is processed twice, no partition ever has two owners, and nobody loses a partition.
 */
class CoordinatorFailoverTest {

    private static final String TOPIC = "events";
    private static final int PARTITIONS = 8;
    @RegisterExtension
    static final RosterCluster cluster = RosterCluster.withNodes(2).topic(TOPIC, PARTITIONS);

    @Test
    void consumersCarryOnThroughTheOtherNodeWhenOneDies() {
        Ledger ledger = new Ledger();
        List<TestConsumer> consumers = new ArrayList<>();
        try (KeyedProducer producer = new KeyedProducer(cluster.kafka().bootstrapServers(), TOPIC, 32, 300,
                Duration.ofSeconds(60), ledger)) {
            consumers.add(TestConsumer.start("a", cluster.consumerConfig("failover", TOPIC).build(), ledger));
            consumers.add(TestConsumer.start("b", cluster.consumerConfig("failover", TOPIC).build(), ledger));
            Balance.await(consumers, PARTITIONS);
            int before = ledger.processed().size();

            cluster.node(0).kill();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ledger.processed().size() > before + 1_000);

            consumers.add(TestConsumer.start("c", cluster.consumerConfig("failover", TOPIC).build(), ledger));
            Balance.await(consumers, PARTITIONS);
            int after = ledger.processed().size();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ledger.processed().size() > after + 500);
            assertTrue(producer.sent() > 0);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ledger.unprocessed().isEmpty());
        consumers.forEach(TestConsumer::close);

        assertEquals(List.of(), ledger.unprocessed(), "lost records");
        assertEquals(0, ledger.duplicates().size(), "processed twice: " + ledger.duplicates().keySet());
        assertEquals(List.of(), ledger.overlappingOwners());
        assertTrue(ledger.ownership().stream().noneMatch(o -> o.change() == Ledger.Change.LOST), "nothing lost");
        assertEquals(0, cluster.node(1).expiredMembers(), "no member expired");
    }
}
