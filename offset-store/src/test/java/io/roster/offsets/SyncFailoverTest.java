package io.roster.offsets;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.roster.offsets.TestMembers.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synchronous durable commits while the member holding the groups' primary replicas dies abruptly: every
 * acknowledged commit is still served by the survivors, and no served offset ever goes back.
 */
class SyncFailoverTest {

    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final DurableOffsetsConfig SYNC = DurableOffsetsConfig.of(DurabilityMode.SYNC).withTimeoutMs(5_000);
    private static final int GROUPS = 12;

    private final SharedLogCluster cluster = new SharedLogCluster(SyncFailoverTest.class, SYNC);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        cluster.close();
    }

    private void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Test
    void noAcknowledgedCommitIsLostAndNoServedOffsetGoesBackWhenThePrimaryDies() {
        HazelcastInstance doomed = cluster.startMember();
        HazelcastInstance committing = cluster.startMember();
        HazelcastInstance reading = cluster.startMember();
        cluster.awaitSafe(Duration.ofSeconds(60));
        Member doomedMember = doomed.getCluster().getLocalMember();
        List<String> groups = new ArrayList<>();
        while (groups.size() < GROUPS) {
            String group = "group-" + UUID.randomUUID();
            if (doomed.getPartitionService().getPartition(group).getOwner().equals(doomedMember)) {
                groups.add(group);
            }
        }
        OffsetStore committer = new OffsetStore(committing, OffsetStoreConfig.defaults());
        OffsetStore reader = new OffsetStore(reading, OffsetStoreConfig.defaults());
        for (String group : groups) {
            await(committer.publishOwnership(group, 1, Map.of("m1", new MemberOwnership(1, Set.of(P0)))));
        }

        Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
        groups.forEach(group -> acknowledged.put(group, new AtomicLong(-1)));
        AtomicLong commits = new AtomicLong();
        List<String> wentBack = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 3; t++) {
            List<String> mine = groups.subList(t * GROUPS / 3, (t + 1) * GROUPS / 3);
            start("committer-" + t, () -> {
                long offset = 0;
                while (running.get()) {
                    offset++;
                    for (String group : mine) {
                        try {
                            var result = committer.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(offset)))
                                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
                            if (result.get(P0) == CommitResult.OK) {
                                acknowledged.get(group).accumulateAndGet(offset, Math::max);
                                commits.incrementAndGet();
                            }
                        } catch (Exception refused) {
                            // 503 while the cluster recovers: not acknowledged, may or may not be stored
                        }
                    }
                }
            });
        }
        start("reader", () -> {
            Map<String, Long> served = new ConcurrentHashMap<>();
            while (running.get()) {
                for (String group : groups) {
                    try {
                        CommittedOffset now = reader.fetch(group).toCompletableFuture().get(30, TimeUnit.SECONDS).get(P0);
                        long offset = now == null ? -1 : now.offset();
                        Long before = served.put(group, offset);
                        if (before != null && offset < before) {
                            wentBack.add(group + " went back from " + before + " to " + offset);
                        }
                    } catch (Exception unavailable) {
                        // indeterminate right after the kill
                    }
                }
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> commits.get() >= 300);
        Map<String, Long> beforeKill = new ConcurrentHashMap<>();
        acknowledged.forEach((group, offset) -> beforeKill.put(group, offset.get()));
        doomed.getLifecycleService().terminate();
        long atKill = commits.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> commits.get() >= atKill + 300);
        running.set(false);

        assertEquals(List.of(), wentBack, "served offsets that went back");
        for (String group : groups) {
            long served = await(reader.fetch(group)).get(P0).offset();
            assertTrue(served >= acknowledged.get(group).get(), group + ": served " + served
                    + " below the acknowledged " + acknowledged.get(group).get());
            assertTrue(served >= beforeKill.get(group), group + ": lost commits acknowledged before the kill");
        }
    }
}
