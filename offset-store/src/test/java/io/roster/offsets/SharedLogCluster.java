package io.roster.offsets;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Members with synchronous durable offsets that share one {@link RecordingLog}, as the coordinator's
 * members share one Kafka topic; each member has its own loader.
 */
final class SharedLogCluster implements AutoCloseable {

    private final RecordingLog log = new RecordingLog();
    private final String cluster;
    private final DurableOffsetsConfig config;
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<OffsetLogLoader> loaders = new ArrayList<>();

    SharedLogCluster(Class<?> testClass, DurableOffsetsConfig config) {
        this.cluster = TestMembers.clusterName(testClass);
        this.config = config;
    }

    RecordingLog log() {
        return log;
    }

    List<HazelcastInstance> members() {
        return members;
    }

    /** Starts a member, joined to the others, and waits until every member sees it and it serves offsets. */
    HazelcastInstance startMember() {
        String[] others = members.stream()
                .map(m -> "127.0.0.1:" + m.getCluster().getLocalMember().getAddress().getPort())
                .toArray(String[]::new);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(
                new DurableOffsets(log, config).install(TestMembers.config(cluster, OffsetStoreConfig.defaults(), others)));
        members.add(member);
        OffsetStore store = new OffsetStore(member, OffsetStoreConfig.defaults());
        loaders.add(OffsetLogLoader.start(member, store));
        await().atMost(Duration.ofSeconds(30)).until(() -> members.stream()
                .allMatch(m -> m.getCluster().getMembers().size() == members.size()) && store.loaded());
        return member;
    }

    /** Waits until no partition of any member has a migration or a backup to catch up. */
    void awaitSafe(Duration atMost) {
        await().atMost(atMost).until(() -> members.stream().allMatch(m -> m.getPartitionService().isClusterSafe()));
    }

    @Override
    public void close() {
        log.release();
        loaders.forEach(OffsetLogLoader::close);
        members.stream().filter(m -> m.getLifecycleService().isRunning()).forEach(m -> m.getLifecycleService().terminate());
    }
}
