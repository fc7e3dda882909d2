package io.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A consumer dies without a word (no commit, no leave). After the session timeout its
 * partitions move to the survivor, which resumes each at the dead member's last committed
 * offset: nothing is lost, and the only records processed twice are those the dead member
 * processed after its last commit.
 */
class CrashTest {

    private static final String TOPIC = "payments";
    private static final int PARTITIONS = 6;
    @RegisterExtension
    static final RosterCluster cluster = RosterCluster.withNodes(1).topic(TOPIC, PARTITIONS);

    @Test
    void aKilledMembersPartitionsResumeFromItsLastCommitAfterTheSessionTimeout() {
        Ledger ledger = new Ledger();
        TestConsumer survivor = null;
        Map<TopicPartition, Long> lastCommits;
        Set<TopicPartition> orphaned;
        long killedAt;
        try (KeyedProducer producer = new KeyedProducer(cluster.kafka().bootstrapServers(), TOPIC, 24, 300,
                Duration.ofSeconds(60), ledger)) {
            TestConsumer victim = TestConsumer.start("victim", cluster.consumerConfig("crash", TOPIC).build(), ledger);
            survivor = TestConsumer.start("survivor", cluster.consumerConfig("crash", TOPIC).build(), ledger);
            TestConsumer first = victim;
            TestConsumer second = survivor;
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.owned().size() == PARTITIONS / 2
                    && second.owned().size() == PARTITIONS / 2);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.progress().values().stream()
                    .allMatch(p -> p.committedOffset() > 0));

            orphaned = victim.owned();
            victim.kill();
            killedAt = System.nanoTime();
            lastCommits = CommittedOffsets.of(cluster.node(0), "crash");

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> second.owned().size() == PARTITIONS);
            long movedAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertTrue(movedAfterMs >= RosterCluster.SESSION_TIMEOUT_MS - 1_500,
                    "moved after " + movedAfterMs + " ms, before the session timeout");
            assertTrue(producer.sent() > 0);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ledger.unprocessed().isEmpty());
        survivor.close();

        assertEquals(List.of(), ledger.unprocessed(), "lost records");
        assertEquals(List.of(), ledger.overlappingOwners());
        assertEquals(List.of(), ledger.outOfOrder(false));
        for (TopicPartition tp : orphaned) {
            long resumedAt = ledger.processed().stream()
                    .filter(p -> p.consumer().equals("survivor") && p.partition().equals(tp))
                    .min(Comparator.comparingLong(Ledger.Processed::at)).orElseThrow().offset();
            assertEquals(lastCommits.get(tp), resumedAt, tp + " resumed at the dead member's last commit");
        }
        ledger.duplicates().keySet().forEach(duplicate -> {
            String[] at = duplicate.split("@");
            TopicPartition tp = orphaned.stream().filter(o -> o.toString().equals(at[0])).findFirst()
                    .orElseThrow(() -> new AssertionError(duplicate + " is not a partition of the dead member"));
            assertTrue(Long.parseLong(at[1]) >= lastCommits.get(tp), duplicate + " was committed before the crash");
        });
    }
}
