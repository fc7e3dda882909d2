package io.roster.offsets;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/** Embedded Hazelcast members on loopback for the tests, and helpers to wait on the store's stages. */
final class TestMembers {

    static {
        // Hazelcast logs a few lines before it reads the config's properties.
        System.setProperty("hazelcast.logging.type", "slf4j");
    }

    private TestMembers() {
    }

    /** A cluster name no other test run uses, so parallel runs on one machine never merge. */
    static String clusterName(Class<?> testClass) {
        return testClass.getSimpleName() + "-" + UUID.randomUUID();
    }

    /**
     * A member config on 127.0.0.1 only: multicast and auto-detection off, TCP-IP join with member
     * {@code 127.0.0.1} plus the given {@code host:port} members, offset store configured.
     */
    static Config config(String clusterName, OffsetStoreConfig storeConfig, String... extraMembers) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        for (String member : extraMembers) {
            join.getTcpIpConfig().addMember(member);
        }
        return OffsetStore.configure(config, storeConfig);
    }

    static HazelcastInstance start(Class<?> testClass, OffsetStoreConfig storeConfig) {
        return Hazelcast.newHazelcastInstance(config(clusterName(testClass), storeConfig));
    }

    /** The stage's value, waiting at most 30 s. */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("stage failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("stage did not complete: " + e, e);
        }
    }

    /** The exception the stage failed with, waiting at most 30 s; fails the test if it succeeded. */
    static Throwable failureOf(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
            return fail("expected the stage to fail, but it completed with " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("stage did not complete: " + e, e);
        }
    }
}
