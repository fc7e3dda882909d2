package io.roster.assignor.preview;

import io.roster.assignor.MemberSpec;
import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicPartitionSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GroupStateParserTest {

    private static GroupState parse(String json) throws IOException {
        return GroupStateParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsEveryField() throws IOException {
        GroupState state = parse("""
                {
                  "topics": [
                    {"name": "orders", "partitions": 3, "racks": [["a", "b"], ["b"], []]},
                    {"name": "audit", "partitions": 0}
                  ],
                  "members": [
                    {"id": "m1", "instanceId": "host-1", "rack": "a", "topics": ["orders", "audit"],
                     "owned": {"orders": [2, 0]}},
                    {"id": "m2", "topics": ["orders"]}
                  ]
                }
                """);

        TopicInfo orders = state.topics().topic("orders");
        assertEquals(3, orders.partitionCount());
        assertEquals(List.of(Set.of("a", "b"), Set.of("b"), Set.of()), orders.partitionRacks());
        assertEquals(new TopicInfo("audit", 0), state.topics().topic("audit"));
        assertEquals(List.of(
                new MemberSpec("m1", "host-1", "a", Set.of("orders", "audit"), TopicPartitionSet.ofTopic("orders", 0, 2)),
                MemberSpec.of("m2", Set.of("orders"))), state.group().members());
    }

    @Test
    void nullOptionalFieldsAreAbsentOnes() throws IOException {
        GroupState state = parse("""
                {"topics": [{"name": "orders", "partitions": 1, "racks": null}],
                 "members": [{"id": "m1", "instanceId": null, "rack": null, "topics": [], "owned": null}]}
                """);

        assertEquals(new TopicInfo("orders", 1), state.topics().topic("orders"));
        assertEquals(MemberSpec.of("m1", Set.of()), state.group().members().get(0));
    }

    @Test
    void subscriptionsToTopicsNotDescribedAreKeptForTheAssignorsToIgnore() throws IOException {
        GroupState state = parse("""
                {"topics": [], "members": [{"id": "m1", "topics": ["not-yet-created"]}]}
                """);

        assertEquals(Set.of("not-yet-created"), state.group().members().get(0).subscribedTopics());
    }
}
