package io.roster.coordinator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.coordinator.config.ConfigLoader.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("roster.properties"), content);
    }

    @Test
    void noFileAndNoVariablesGiveTheDefaults() {
        ConfigLoader.Resolved resolved = ConfigLoader.resolve(Optional.empty(), Map.of("PATH", "/bin", "HOME", "/root"));

        assertEquals(CoordinatorConfig.defaults(), resolved.config());
        assertEquals(CoordinatorConfig.DEFAULTS.keySet(), resolved.settings().keySet());
        resolved.settings().values().forEach(s -> assertEquals(Source.DEFAULT, s.source(), s.key()));
        assertTrue(resolved.describe().startsWith("http.host=127.0.0.1 (default), http.port=8080 (default), "),
                resolved.describe());
    }

    @Test
    void fileOverridesDefaults() throws IOException {
        Path path = file("""
                # comment
                session.timeout.ms = 6000
                hazelcast.members=10.0.0.1:5701,10.0.0.2:5701 \\
                    ,10.0.0.3:5701
                group.assignor=range
                """);

        ConfigLoader.Resolved resolved = ConfigLoader.resolve(Optional.of(path), Map.of());

        assertEquals(6000, resolved.config().sessionTimeoutMs());
        assertEquals("range", resolved.config().groupAssignor());
        assertEquals(3, resolved.config().hazelcastMembers().size());
        assertEquals(new ConfigLoader.Setting("session.timeout.ms", "6000", Source.FILE),
                resolved.settings().get("session.timeout.ms"));
        assertEquals(Source.DEFAULT, resolved.settings().get("http.port").source());
        assertEquals(CoordinatorConfig.defaults().rebalanceTimeoutMs(), resolved.config().rebalanceTimeoutMs());
    }

    @Test
    void environmentOverridesFile() throws IOException {
        Path path = file("session.timeout.ms=6000\nhttp.port=9000\n");

        ConfigLoader.Resolved resolved = ConfigLoader.resolve(Optional.of(path),
                Map.of("ROSTER_SESSION_TIMEOUT_MS", "7000", "ROSTER_KAFKA_BOOTSTRAP_SERVERS", "k1:9092",
                        "ROSTER_CONFIG_FILE", "/ignored/by/the/loader", "OTHER_HTTP_PORT", "1"));

        assertEquals(7000, resolved.config().sessionTimeoutMs());
        assertEquals(Source.ENV, resolved.settings().get("session.timeout.ms").source());
        assertEquals("k1:9092", resolved.config().kafkaBootstrapServers());
        assertEquals(Source.ENV, resolved.settings().get("kafka.bootstrap.servers").source());
        assertEquals(9000, resolved.config().httpPort());
        assertEquals(Source.FILE, resolved.settings().get("http.port").source());
    }

    @Test
    void environmentVariableNames() {
        assertEquals("ROSTER_SESSION_TIMEOUT_MS", ConfigLoader.environmentVariable("session.timeout.ms"));
        assertEquals("ROSTER_OFFSETS_RETENTION_CHECK_INTERVAL_MS",
                ConfigLoader.environmentVariable("offsets.retention.check.interval.ms"));
        CoordinatorConfig.DEFAULTS.keySet().forEach(key -> assertEquals(CoordinatorConfig.defaults(),
                ConfigLoader.load(Optional.empty(), Map.of(ConfigLoader.environmentVariable(key),
                        CoordinatorConfig.DEFAULTS.get(key)))));
    }

    @Test
    void badValueFromTheEnvironmentNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of("ROSTER_HEARTBEAT_INTERVAL_MS", "soon")));

        assertTrue(e.getMessage().startsWith("heartbeat.interval.ms ") && e.getMessage().contains("'soon'"),
                e.getMessage());
    }

    @Test
    void unknownKeyInTheFileIsAnError() throws IOException {
        Path path = file("session.timeout.ms=6000\nsession.timeout=6000\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.of(path), Map.of()));

        assertTrue(e.getMessage().contains("'session.timeout'") && e.getMessage().contains(path.toString()),
                e.getMessage());
    }

    @Test
    void unknownRosterVariableIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of("ROSTER_SESSION_TIMEOUT", "6000")));

        assertTrue(e.getMessage().contains("ROSTER_SESSION_TIMEOUT;"), e.getMessage());
    }

    @Test
    void missingFileIsAnErrorNamingThePath() {
        Path missing = dir.resolve("nope.properties");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.of(missing), Map.of()));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void configFileVariable() {
        assertEquals(Optional.of(Path.of("/etc/roster.properties")),
                ConfigLoader.configFile(Map.of("ROSTER_CONFIG_FILE", "/etc/roster.properties")));
        assertEquals(Optional.empty(), ConfigLoader.configFile(Map.of()));
    }
}
