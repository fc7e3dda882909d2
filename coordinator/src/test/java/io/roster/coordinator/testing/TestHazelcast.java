package io.roster.coordinator.testing;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.store.GroupStore;
import io.roster.offsets.OffsetStore;
import io.roster.offsets.OffsetStoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Hazelcast members on loopback, one random cluster name per test class. */
public final class TestHazelcast {

    private final String clusterName = "roster-test-" + UUID.randomUUID();
    private final List<String> started = new ArrayList<>();

    public HazelcastInstance member() {
        return member(config -> { });
    }

    /** A member whose config {@code customize} completes before it starts (e.g. with durable offsets). */
    public HazelcastInstance member(Consumer<Config> customize) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(5801).setPortAutoIncrement(true).setPortCount(100);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        // Without a port, TCP-IP join tries only the first three ports: name the real ones
        // of the members started before, wherever other tests' members pushed them.
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        started.forEach(address -> join.getTcpIpConfig().addMember(address));
        GroupStore.configure(config, 1);
        OffsetStore.configure(config, OffsetStoreConfig.defaults());
        customize.accept(config);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        started.add("127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort());
        return member;
    }
}
