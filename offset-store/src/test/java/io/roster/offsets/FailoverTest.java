package io.roster.offsets;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.roster.offsets.impl.GroupOffsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.roster.offsets.TestMembers.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 2-member cluster loses, abruptly, the member that owns a group's entry: every commit that was
 * acknowledged before is still there, with its metadata, and fencing goes on from the promoted backup.
 */
class FailoverTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final OffsetStoreConfig CONFIG = OffsetStoreConfig.defaults();
    private static final int PARTITIONS = 16;
    private static final int COMMITS = 200;

    private static HazelcastInstance first;
    private static HazelcastInstance second;

    @BeforeAll
    static void startCluster() {
        String cluster = TestMembers.clusterName(FailoverTest.class);
        first = Hazelcast.newHazelcastInstance(readingBackups(TestMembers.config(cluster, CONFIG)));
        // Also name the first member's actual port: if other runs hold 5701-5703, TCP-IP join would not look further.
        int firstPort = first.getCluster().getLocalMember().getAddress().getPort();
        second = Hazelcast.newHazelcastInstance(readingBackups(TestMembers.config(cluster, CONFIG, "127.0.0.1:" + firstPort)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> first.getCluster().getMembers().size() == 2 && second.getCluster().getMembers().size() == 2);
    }

    /** Lets the test read a member's own backup replica, to see that a sync backup applied a commit. */
    private static Config readingBackups(Config config) {
        config.getMapConfig(CONFIG.mapName()).setReadBackupData(true);
        return config;
    }

    @AfterAll
    static void stopCluster() {
        for (HazelcastInstance member : new HazelcastInstance[] {first, second}) {
            if (member != null && member.getLifecycleService().isRunning()) {
                member.shutdown();
            }
        }
    }

    private static boolean clusterSafe() {
        return first.getPartitionService().isClusterSafe() && second.getPartitionService().isClusterSafe();
    }

    @Test
    void everyAcknowledgedCommitSurvivesTheAbruptLossOfTheMemberThatOwnsTheGroup() {
        await().atMost(Duration.ofSeconds(60)).until(FailoverTest::clusterSafe);
        String group = "failover-" + UUID.randomUUID();
        Member owner = first.getPartitionService().getPartition(group).getOwner();
        HazelcastInstance doomed = owner.getUuid().equals(first.getCluster().getLocalMember().getUuid()) ? first : second;
        HazelcastInstance survivor = doomed == first ? second : first;
        TestClock clock = new TestClock(T0);
        OffsetStore viaDoomed = new OffsetStore(doomed, CONFIG, clock);
        OffsetStore viaSurvivor = new OffsetStore(survivor, CONFIG, clock);
        IMap<String, GroupOffsets> survivorReplica = survivor.getMap(CONFIG.mapName());

        List<PartitionId> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new PartitionId("orders", p));
        }
        assertTrue(await(viaDoomed.publishOwnership(group, 1, Map.of("m1", new MemberOwnership(7, Set.copyOf(partitions))))));

        Map<PartitionId, CommittedOffset> acknowledged = new HashMap<>();
        for (int i = 0; i < COMMITS; i++) {
            PartitionId partition = partitions.get(i % PARTITIONS);
            String metadata = switch (i) {
                case 0 -> null;
                case 1 -> "m".repeat(CONFIG.metadataMaxChars());
                default -> "commit " + i + " é€";
            };
            OffsetStore via = i % 2 == 0 ? viaDoomed : viaSurvivor; // local and remote callers alike
            Map<PartitionId, CommitResult> result = await(via.commit(group, "m1", 7, Map.of(partition, new OffsetCommit(i * 10L, metadata))));
            assertEquals(Map.of(partition, CommitResult.OK), result);
            CommittedOffset expected = new CommittedOffset(i * 10L, metadata, T0);
            acknowledged.put(partition, expected);

            // The backup is synchronous: the commit is on the survivor's replica once it is acknowledged.
            assertEquals(expected, survivorReplica.get(group).offsets().get(partition), "backup replica after commit " + i);
        }

        await().atMost(Duration.ofSeconds(60)).until(FailoverTest::clusterSafe);
        assertNotEquals(survivor.getCluster().getLocalMember().getUuid(), owner.getUuid());
        doomed.getLifecycleService().terminate();
        await().atMost(Duration.ofSeconds(30)).until(() -> survivor.getCluster().getMembers().size() == 1);

        assertEquals(acknowledged, await(viaSurvivor.fetch(group)));
        GroupOwnership ownership = await(viaSurvivor.ownership(group)).orElseThrow();
        assertEquals(1, ownership.version());
        assertEquals(Map.of("m1", new MemberOwnership(7, Set.copyOf(partitions))), ownership.members());

        // The promoted replica goes on fencing and accepting.
        PartitionId p0 = partitions.get(0);
        assertEquals(CommitResult.FENCED, await(viaSurvivor.commit(group, "m1", 6, Map.of(p0, OffsetCommit.of(1)))).get(p0));
        assertEquals(CommitResult.OK, await(viaSurvivor.commit(group, "m1", 7, Map.of(p0, OffsetCommit.of(5000)))).get(p0));
        assertEquals(5000, await(viaSurvivor.fetch(group, Set.of(p0))).get(p0).offset());
    }
}
