package io.roster.coordinator.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaMetadataConfigTest {

    @Test
    void kafkaKeysGoToTheAdminClientWithoutTheirPrefixAndTimesHaveDefaults() {
        KafkaMetadataConfig config = KafkaMetadataConfig.fromProperties(Map.of(
                "kafka.bootstrap.servers", "k1:9092,k2:9092", "kafka.security.protocol", "SSL", "http.port", "8080"));

        assertEquals("k1:9092,k2:9092", config.bootstrapServers());
        assertEquals(Map.of("bootstrap.servers", "k1:9092,k2:9092", "security.protocol", "SSL"), config.adminProperties());
        assertEquals(5_000, config.refreshIntervalMs());
        assertEquals(10_000, config.requestTimeoutMs());
        Map<String, String> admin = config.adminClientProperties();
        assertEquals("10000", admin.get("default.api.timeout.ms"));
        assertEquals("10000", admin.get("request.timeout.ms"));
    }

    @Test
    void refreshIntervalAndTimeoutAreRead() {
        KafkaMetadataConfig config = KafkaMetadataConfig.fromProperties(Map.of("kafka.bootstrap.servers", "k1:9092",
                "metadata.refresh.ms", "250", "metadata.request.timeout.ms", "3000"));

        assertEquals(250, config.refreshIntervalMs());
        assertEquals(3_000, config.requestTimeoutMs());
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaMetadataConfig.fromProperties(Map.of()))
                .getMessage().contains("kafka.bootstrap.servers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaMetadataConfig.fromProperties(
                Map.of("kafka.bootstrap.servers", "k1:9092", "metadata.refresh.ms", "soon")))
                .getMessage().contains("metadata.refresh.ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaMetadataConfig.fromProperties(
                Map.of("kafka.bootstrap.servers", "k1:9092", "metadata.request.timeout.ms", "0")))
                .getMessage().contains("metadata.request.timeout.ms"));
    }
}
