package io.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.client.CommitPolicy;
import io.roster.client.CoordinatorException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A consumer frozen past its session timeout (its event loop blocked: no heartbeat, no
 * anything) wakes up and commits what it processed before the freeze. The coordinator has
 * expired it and given its partition to the other member, which has gone further since: the
 * zombie's commit is refused, its offset is never stored, and it learns it lost the partition
 * (then it rejoins as a new member).
 */
class ZombieTest {

    private static final String TOPIC = "ledger";
    @RegisterExtension
    static final RosterCluster cluster = RosterCluster.withNodes(1).topic(TOPIC, 2);

    @BeforeAll
    static void prepare() {
        cluster.kafka().produce(TOPIC, 0, 50);
        cluster.kafka().produce(TOPIC, 1, 50);
    }

    @Test
    void aZombiesCommitIsRefusedAndChangesNothing() {
        Ledger ledger = new Ledger();
        // Neither commits on its own: the stored offsets change only if the zombie's commit gets through.
        TestConsumer zombie = TestConsumer.start("zombie", cluster.consumerConfig("zombies", TOPIC)
                .commitPolicy(CommitPolicy.manual()).build(), ledger);
        TestConsumer other = TestConsumer.start("other", cluster.consumerConfig("zombies", TOPIC)
                .commitPolicy(CommitPolicy.manual()).build(), ledger);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> zombie.owned().size() == 1
                    && other.owned().size() == 1 && ledger.processed().size() >= 100);
            TopicPartition taken = zombie.owned().iterator().next();
            long zombieOffset = zombie.progress().get(taken).currentOffset();
            assertEquals(50, zombieOffset);

            // Frozen past the session timeout, and until the other member has processed 25 more records of it.
            long frozenUntil = System.nanoTime() + (RosterCluster.SESSION_TIMEOUT_MS + 1_000) * 1_000_000;
            Future<Void> commit = freezeThenCommit(zombie, () -> System.nanoTime() > frozenUntil
                    && ledger.processed().stream().anyMatch(p -> p.consumer().equals("other")
                    && p.partition().equals(taken) && p.offset() == 74));
            cluster.kafka().produce(TOPIC, taken.partition(), 25);
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(commit::isComplete);

            assertTrue(commit.failed(), "the zombie's commit went through");
            CoordinatorException refused = assertInstanceOf(CoordinatorException.class, commit.cause());
            assertEquals("UNKNOWN_MEMBER", refused.error());
            Long stored = CommittedOffsets.of(cluster.node(0), "zombies").get(taken);
            assertTrue(stored == null || stored == 75, "stored " + stored + ", the zombie's was " + zombieOffset);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ledger.ownership().stream().anyMatch(o ->
                    o.consumer().equals("zombie") && o.change() == Ledger.Change.LOST && o.partition().equals(taken)));
            assertEquals(1, cluster.node(0).expiredMembers());
        } finally {
            zombie.close();
            other.close();
        }
    }

    /** Blocks the consumer's event loop until {@code thaw} holds (at most 40 s), then, first thing after, commits. */
    private static Future<Void> freezeThenCommit(TestConsumer consumer, BooleanSupplier thaw) {
        Promise<Void> outcome = Promise.promise();
        consumer.vertx().runOnContext(ignored -> {
            long limit = System.nanoTime() + 40_000_000_000L;
            while (!thaw.getAsBoolean() && System.nanoTime() < limit) {
                LockSupport.parkNanos(10_000_000);
            }
            consumer.consumer().commit().onComplete(outcome);
        });
        return outcome.future();
    }
}
