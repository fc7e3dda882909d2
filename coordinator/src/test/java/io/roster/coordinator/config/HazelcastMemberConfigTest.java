package io.roster.coordinator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class HazelcastMemberConfigTest {

    @Test
    void networkJoinPropertiesAndMaps() {
        Config config = HazelcastMemberConfig.build(CoordinatorConfig.fromStrings(Map.of(
                "hazelcast.cluster.name", "blue", "hazelcast.host", "10.1.2.3", "hazelcast.port", "6000",
                "hazelcast.members", "10.1.2.3:6000,10.1.2.4", "hazelcast.backup.count", "2",
                "offsets.retention.ms", "12345")));

        assertEquals("blue", config.getClusterName());
        NetworkConfig network = config.getNetworkConfig();
        assertEquals(6000, network.getPort());
        assertTrue(network.isPortAutoIncrement());
        assertTrue(network.getInterfaces().isEnabled());
        assertEquals(List.of("10.1.2.3"), List.copyOf(network.getInterfaces().getInterfaces()));
        JoinConfig join = network.getJoin();
        assertFalse(join.getMulticastConfig().isEnabled());
        assertFalse(join.getAutoDetectionConfig().isEnabled());
        assertTrue(join.getTcpIpConfig().isEnabled());
        assertEquals(List.of("10.1.2.3:6000", "10.1.2.4"), join.getTcpIpConfig().getMembers());
        assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
        assertEquals("slf4j", config.getProperty("hazelcast.logging.type"));
        assertEquals("false", config.getProperty("hazelcast.shutdownhook.enabled"));
        assertEquals("0", config.getProperty("hazelcast.wait.seconds.before.join"));
        assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));

        MapConfig groups = config.getMapConfigOrNull("roster-groups");
        MapConfig offsets = config.getMapConfigOrNull("roster-offsets");
        assertNotNull(groups);
        assertNotNull(offsets);
        assertEquals(2, groups.getBackupCount());
        assertEquals(2, offsets.getBackupCount());
        assertEquals(InMemoryFormat.OBJECT, offsets.getInMemoryFormat());
    }

    @Test
    void twoCoordinatorConfigsFormOneCluster() throws IOException {
        String cluster = "roster-config-test-" + UUID.randomUUID();
        int portA = freePort(5900);
        int portB = freePort(5950);
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        HazelcastInstance a = null;
        HazelcastInstance b = null;
        try {
            a = Hazelcast.newHazelcastInstance(HazelcastMemberConfig.build(CoordinatorConfig.fromStrings(Map.of(
                    "hazelcast.cluster.name", cluster, "hazelcast.port", Integer.toString(portA),
                    "hazelcast.members", members))));
            b = Hazelcast.newHazelcastInstance(HazelcastMemberConfig.build(CoordinatorConfig.fromStrings(Map.of(
                    "hazelcast.cluster.name", cluster, "hazelcast.port", Integer.toString(portB),
                    "hazelcast.members", members))));
            HazelcastInstance first = a;
            HazelcastInstance second = b;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                    first.getCluster().getMembers().size() == 2 && second.getCluster().getMembers().size() == 2);
            assertEquals(first.getCluster().getMembers(), second.getCluster().getMembers());
            assertEquals(portA, first.getCluster().getLocalMember().getAddress().getPort());
            assertEquals("127.0.0.1", first.getCluster().getLocalMember().getAddress().getHost());
        } finally {
            if (b != null) {
                b.getLifecycleService().terminate();
            }
            if (a != null) {
                a.getLifecycleService().terminate();
            }
        }
    }

    /** A free loopback port from a random point in [from, from + 40), so parallel runs rarely pick the same one. */
    private static int freePort(int from) throws IOException {
        int start = from + ThreadLocalRandom.current().nextInt(40);
        for (int port = start; port < from + 50; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("no free port in " + start + ".." + (from + 49));
    }
}
