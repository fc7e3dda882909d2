package io.roster.it;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/** Reads a group's committed offsets from a coordinator over its HTTP API, from a test thread. */
public final class CommittedOffsets {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CommittedOffsets() {
    }

    /** Partition to committed offset; empty when the group has none (404). */
    public static Map<TopicPartition, Long> of(CoordinatorInstance node, String group) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + node.address() + "/v1/groups/" + group
                + "/offsets")).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Map<TopicPartition, Long> offsets = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
            if (response.statusCode() == 404) {
                return offsets;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("offsets of " + group + ": " + response.statusCode() + " " + response.body());
            }
            JsonArray entries = new JsonObject(response.body()).getJsonArray("offsets");
            for (int i = 0; i < entries.size(); i++) {
                JsonObject entry = entries.getJsonObject(i);
                offsets.put(new TopicPartition(entry.getString("topic"), entry.getInteger("partition")),
                        entry.getLong("offset"));
            }
            return offsets;
        } catch (IOException e) {
            throw new IllegalStateException("offsets of " + group + " not read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
