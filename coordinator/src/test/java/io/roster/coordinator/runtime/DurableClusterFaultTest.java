package io.roster.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.offsetlog.KafkaOffsetLogConfig;
import io.roster.coordinator.testing.DurableNode;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.roster.coordinator.testing.HttpMember;
import io.roster.coordinator.testing.JsonHttpClient;
import io.roster.coordinator.testing.JsonHttpClient.Response;
import io.roster.coordinator.testing.LoggedOffsets;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.DurabilityMode;
import io.roster.offsets.DurableOffsetsConfig;
import io.roster.offsets.PartitionId;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three coordinator nodes with synchronous durable offsets; members commit growing offsets without pause
 * while an observer keeps fetching them. One node is killed abruptly, then, once the cluster has recovered,
 * another. No acknowledged commit is lost, no offset is ever seen to go back, and the committers go on.
 */
class DurableClusterFaultTest {

    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 4;
    private static final List<String> GROUPS = List.of("fault-a", "fault-b", "fault-c");

    private final EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker();
    private final Vertx vertx = Vertx.vertx();
    private final JsonHttpClient http = new JsonHttpClient(vertx);
    private final List<DurableNode> nodes = new ArrayList<>();
    private final List<Integer> livePorts = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** Per group and partition: the highest offset a commit was acknowledged for, and the highest ever sent. */
    private final Map<String, Map<PartitionId, Long>> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Map<PartitionId, Long>> attempted = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> acknowledgedCommits = new ConcurrentHashMap<>();
    private final AtomicLong observations = new AtomicLong();

    @AfterEach
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        nodes.forEach(DurableNode::close);
        vertx.close();
        kafka.close();
    }

    @Test
    void noAcknowledgedCommitIsLostAndNoOffsetGoesBackWhenNodesDieOneAfterTheOther() throws Exception {
        kafka.start();
        KafkaOffsetLogConfig log = KafkaOffsetLogConfig.forCluster(kafka.bootstrapServers()).withTopic("fault-offsets")
                .withPartitions(3).withTimeoutMs(5_000);
        TestHazelcast cluster = new TestHazelcast();
        StaticTopicMetadataSource topics = new StaticTopicMetadataSource().setTopic(TOPIC, PARTITIONS);
        for (int i = 0; i < 3; i++) {
            nodes.add(DurableNode.start(cluster, topics, log, DurableOffsetsConfig.of(DurabilityMode.SYNC)));
            livePorts.add(nodes.get(i).httpPort());
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> nodes.get(0).durableOffsets().loaded()
                && nodes.get(1).durableOffsets().loaded() && nodes.get(2).durableOffsets().loaded());
        for (int i = 0; i < GROUPS.size(); i++) {
            String group = GROUPS.get(i);
            acknowledged.put(group, new ConcurrentHashMap<>());
            attempted.put(group, new ConcurrentHashMap<>());
            acknowledgedCommits.put(group, new AtomicLong());
            int firstNode = i;
            start("committer-" + group, () -> commitWithoutPause(group, firstNode));
        }
        start("observer", this::observe);
        awaitProgress(10);

        kill(2);
        awaitRecovery();
        kill(1);
        awaitRecovery();

        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        System.out.println("[fault-test] acknowledged commits " + acknowledgedCommits + ", observations " + observations);
        assertEquals(List.of(), violations);
        assertTrue(observations.get() >= 30, "the observer saw the offsets " + observations.get() + " times");
        Map<PartitionId, Long> stored;
        for (String group : GROUPS) {
            stored = HttpMember.offsets(http.get(nodes.get(0).httpPort(), "/v1/groups/" + group + "/offsets"));
            for (Map.Entry<PartitionId, Long> ack : acknowledged.get(group).entrySet()) {
                long offset = stored.getOrDefault(ack.getKey(), -1L);
                // A commit that failed (503 during a failover) may have been applied: never beyond what was sent.
                assertTrue(offset >= ack.getValue() && offset <= attempted.get(group).get(ack.getKey()),
                        group + " " + ack.getKey() + ": stored " + offset + ", acknowledged " + ack.getValue()
                                + ", attempted " + attempted.get(group).get(ack.getKey()));
            }
            assertEquals(LoggedOffsets.reloadable(log, group), stored, "a cold start now would reload exactly the stored offsets");
        }
    }

    /** A member that commits growing offsets for whatever it owns, failing over and rejoining as a real one would. */
    private void commitWithoutPause(String group, int firstNode) {
        HttpMember member = new HttpMember(http, livePorts.get(firstNode), group, TOPIC);
        long next = 1;
        long lastHeartbeat = 0;
        while (running) {
            try {
                if (member.owned().isEmpty() || System.nanoTime() - lastHeartbeat > 500_000_000L) {
                    member.heartbeat();
                    lastHeartbeat = System.nanoTime();
                    continue;
                }
                Map<PartitionId, Long> offsets = new TreeMap<>();
                for (PartitionId partition : member.owned()) {
                    offsets.put(partition, next);
                    attempted.get(group).merge(partition, next, Math::max);
                }
                next++;
                Response response = member.commit(offsets);
                if (response.status() == 200) {
                    offsets.forEach((partition, offset) -> acknowledged.get(group).merge(partition, offset, Math::max));
                    acknowledgedCommits.get(group).incrementAndGet();
                } else if ("UNKNOWN_MEMBER".equals(response.error()) || "FENCED_MEMBER_EPOCH".equals(response.error())) {
                    member.heartbeat();
                }
            } catch (Throwable unreachable) {
                // The node died: fail over to a live one.
                member.useNode(livePorts.get(0));
            }
        }
    }

    /** Fetches every group's offsets through a live node, again and again; an offset that goes back is a violation. */
    private void observe() {
        Map<String, Map<PartitionId, Long>> seen = new TreeMap<>();
        GROUPS.forEach(group -> seen.put(group, new TreeMap<>()));
        while (running) {
            for (String group : GROUPS) {
                Response response;
                try {
                    response = http.get(livePorts.get(0), "/v1/groups/" + group + "/offsets");
                } catch (Throwable unreachable) {
                    continue;
                }
                if (response.status() != 200) {
                    if (!seen.get(group).isEmpty() && response.status() < 500) {
                        violations.add(group + " answered " + response.status() + " " + response.json().encode());
                    }
                    continue;
                }
                Map<PartitionId, Long> offsets = HttpMember.offsets(response);
                seen.get(group).forEach((partition, before) -> {
                    Long now = offsets.get(partition);
                    if (now == null || now < before) {
                        violations.add(group + " " + partition + " went back from " + before + " to " + now);
                    }
                });
                seen.get(group).putAll(offsets);
                observations.incrementAndGet();
            }
        }
    }

    private void kill(int index) {
        livePorts.remove(Integer.valueOf(nodes.get(index).httpPort()));
        nodes.get(index).kill();
    }

    /**
     * The dead member is out of the member list, the cluster has its backups again, and every committer has
     * had 20 more commits acknowledged. (Asked while the dead member is still listed, isClusterSafe() waits
     * for it until its call timeout.)
     */
    private void awaitRecovery() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> nodes.get(0).hazelcast().getCluster().getMembers().size() == livePorts.size()
                        && nodes.get(0).hazelcast().getPartitionService().isClusterSafe());
        awaitProgress(20);
    }

    private void awaitProgress(long commits) {
        Map<String, Long> before = new TreeMap<>();
        GROUPS.forEach(group -> before.put(group, acknowledgedCommits.get(group).get()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                GROUPS.stream().allMatch(group -> acknowledgedCommits.get(group).get() >= before.get(group) + commits));
    }

    private void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

}
