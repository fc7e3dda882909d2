package io.roster.coordinator.config;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.roster.coordinator.store.GroupStore;
import io.roster.offsets.OffsetStore;

/**
 * The Hazelcast config of the embedded member of one coordinator node.
 *
 * <ul>
 *   <li>cluster name {@code hazelcast.cluster.name};</li>
 *   <li>binds the interface {@code hazelcast.host} only ({@code hazelcast.socket.bind.any=false}), at {@code hazelcast.port}; when that port is taken
 *       it tries the following ones (Hazelcast's port auto-increment, {@value #PORT_COUNT} ports), so a second
 *       node on the same machine takes the next port;</li>
 *   <li>multicast and auto-detection off; TCP-IP join with every entry of {@code hazelcast.members};</li>
 *   <li>no phone-home, SLF4J logging, no shutdown hook (the service leaves the cluster itself),
 *       no wait before join;</li>
 *   <li>the groups map ({@link GroupStore#configure}) and the offsets map ({@link OffsetStore#configure}),
 *       both with {@code hazelcast.backup.count} synchronous backups.</li>
 * </ul>
 */
public final class HazelcastMemberConfig {

    /** How many ports from {@code hazelcast.port} on a member may bind to (Hazelcast's default). */
    public static final int PORT_COUNT = 100;

    private HazelcastMemberConfig() {
    }

    public static Config build(CoordinatorConfig coordinator) {
        Config config = new Config().setClusterName(coordinator.hazelcastClusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        // Hazelcast listens on every interface unless told otherwise: only on hazelcast.host, as documented.
        config.setProperty("hazelcast.socket.bind.any", "false");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(coordinator.hazelcastPort()).setPortAutoIncrement(true).setPortCount(PORT_COUNT);
        network.getInterfaces().setEnabled(true).addInterface(coordinator.hazelcastHost());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        coordinator.hazelcastMembers().forEach(member -> join.getTcpIpConfig().addMember(member));

        GroupStore.configure(config, coordinator.hazelcastBackupCount());
        OffsetStore.configure(config, coordinator.offsetStoreConfig());
        return config;
    }
}
