package io.roster.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.client.RosterConsumerConfig.OffsetReset;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RosterConsumerConfigTest {

    /** Everything a config needs, so that each case below breaks exactly one thing. */
    private static RosterConsumerConfig.Builder complete() {
        return RosterConsumerConfig.builder().coordinators("127.0.0.1:8080").groupId("orders-app").topics("orders")
                .kafkaProperty("bootstrap.servers", "127.0.0.1:9092");
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                rejection("no coordinator", "coordinator", () -> RosterConsumerConfig.builder().groupId("g")
                        .topics("orders").kafkaProperty("bootstrap.servers", "k:9092")),
                rejection("empty address", "coordinator", () -> complete().coordinators("")),
                rejection("address without port", "coordinator address 'node-1'", () -> complete().coordinators("node-1")),
                rejection("port not a number", "coordinator address 'node-1:http'",
                        () -> complete().coordinators("node-1:http")),
                rejection("https scheme", "coordinator address 'https://node-1:8443'",
                        () -> complete().coordinators("https://node-1:8443")),
                rejection("unparsable address", "coordinator address 'node 1:80'",
                        () -> complete().coordinators("node 1:80")),
                rejection("no group id", "groupId", () -> complete().groupId(null)),
                rejection("empty group id", "groupId", () -> complete().groupId("")),
                rejection("group id of 250 characters", "groupId", () -> complete().groupId("g".repeat(250))),
                rejection("no topics", "topic", () -> RosterConsumerConfig.builder().coordinators("h:1").groupId("g")
                        .kafkaProperty("bootstrap.servers", "k:9092")),
                rejection("blank topic", "topic", () -> complete().topics("audit", " ")),
                rejection("empty instanceId", "instanceId", () -> complete().instanceId("")),
                rejection("no bootstrap.servers", "bootstrap.servers", () -> RosterConsumerConfig.builder()
                        .coordinators("h:1").groupId("g").topics("orders").kafkaProperty("client.id", "c")),
                rejection("bad auto.offset.reset", "auto.offset.reset",
                        () -> complete().kafkaProperty("auto.offset.reset", "none")),
                rejection("maxQueuedPerPartition 0", "maxQueuedPerPartition", () -> complete().maxQueuedPerPartition(0)),
                rejection("zero pollTimeout", "pollTimeout", () -> complete().pollTimeout(Duration.ZERO)),
                rejection("negative pollTimeout", "pollTimeout", () -> complete().pollTimeout(Duration.ofMillis(-1))),
                rejection("no pollTimeout", "pollTimeout", () -> complete().pollTimeout(null)),
                rejection("zero requestTimeout", "requestTimeout", () -> complete().requestTimeout(Duration.ZERO)),
                rejection("negative requestTimeout", "requestTimeout",
                        () -> complete().requestTimeout(Duration.ofSeconds(-5))));
    }

    private static Arguments rejection(String name, String named, Supplier<RosterConsumerConfig.Builder> builder) {
        return Arguments.of(name, named, builder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedInputNamesTheField(String name, String named, Supplier<RosterConsumerConfig.Builder> builder) {
        // An address is checked as it is added; everything else by build().
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> builder.get().build());

        assertTrue(refused.getMessage().contains(named), () -> "'" + refused.getMessage() + "' should name " + named);
    }

    @Test
    void theCompleteConfigBuildsWithTheDefaults() {
        RosterConsumerConfig config = complete().build();

        assertEquals(List.of(URI.create("http://127.0.0.1:8080")), config.coordinators());
        assertEquals("orders-app", config.groupId());
        assertEquals(List.of("orders"), config.topics());
        assertNull(config.instanceId());
        assertNull(config.rack());
        assertEquals(CommitPolicy.Mode.PERIODIC, config.commitPolicy().mode());
        assertEquals(Duration.ofSeconds(1), config.commitPolicy().interval());
        assertEquals(3, config.retryPolicy().maxAttempts());
        assertEquals(RetryPolicy.defaults(), config.retryPolicy());
        assertEquals(FailurePolicy.Action.STOP, config.failurePolicy().action());
        assertEquals(OffsetReset.LATEST, config.offsetReset());
        assertEquals(500, config.maxQueuedPerPartition());
        assertEquals(Duration.ofMillis(100), config.pollTimeout());
        assertEquals(Duration.ofSeconds(5), config.requestTimeout());
        assertEquals(Map.of("bootstrap.servers", "127.0.0.1:9092"), config.kafkaProperties());
    }

    @Test
    void limitsThemselvesAreAccepted() {
        RosterConsumerConfig config = complete().groupId("g".repeat(249)).maxQueuedPerPartition(1)
                .pollTimeout(Duration.ofMillis(1)).requestTimeout(Duration.ofMillis(1)).build();

        assertEquals(249, config.groupId().length());
        assertEquals(1, config.maxQueuedPerPartition());
    }

    @Test
    void coordinatorsKeepTheirOrderWithOrWithoutScheme() {
        RosterConsumerConfig config = complete().coordinators("http://node-2:8081", "node-3:8082").build();

        assertEquals(List.of(URI.create("http://127.0.0.1:8080"), URI.create("http://node-2:8081"),
                URI.create("http://node-3:8082")), config.coordinators());
    }

    @Test
    void offsetResetComesFromAutoOffsetReset() {
        assertEquals(OffsetReset.EARLIEST, complete().kafkaProperty("auto.offset.reset", "earliest").build().offsetReset());
        assertEquals(OffsetReset.LATEST, complete().kafkaProperty("auto.offset.reset", "latest").build().offsetReset());
    }

    @Test
    void anExplicitOffsetResetOverridesTheKafkaProperty() {
        RosterConsumerConfig config = complete().kafkaProperty("auto.offset.reset", "latest")
                .offsetReset(OffsetReset.EARLIEST).build();

        assertEquals(OffsetReset.EARLIEST, config.offsetReset());
    }

    @Test
    void theConfigIsACopyOfTheBuilder() {
        RosterConsumerConfig.Builder builder = complete().instanceId("app-1").rack("rack-a");
        RosterConsumerConfig config = builder.build();

        builder.topics("audit").coordinators("late:1").kafkaProperty("client.id", "late");

        assertEquals(List.of("orders"), config.topics());
        assertEquals(1, config.coordinators().size());
        assertEquals(1, config.kafkaProperties().size());
        assertEquals("app-1", config.instanceId());
        assertEquals("rack-a", config.rack());
    }

    @Test
    void aBuilderBuildsAgainWithWhatChangedSince() {
        RosterConsumerConfig.Builder builder = complete();
        assertEquals(OffsetReset.LATEST, builder.build().offsetReset());

        builder.kafkaProperty("auto.offset.reset", "earliest");
        assertEquals(OffsetReset.EARLIEST, builder.build().offsetReset());
        builder.kafkaProperty("auto.offset.reset", "none");
        assertThrows(IllegalArgumentException.class, builder::build);
    }
}
