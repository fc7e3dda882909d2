package io.roster.coordinator.runtime;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.roster.coordinator.store.DirectStages;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells members at once that their assignment changed, over the WebSocket each member
 * keeps open to any coordinator node. A notification is broadcast on a Hazelcast topic;
 * the node holding the member's socket sends it a frame
 * {@code {"type":"assignment-changed","groupId":..,"memberId":..}}, and the member
 * heartbeats at once to learn its new assignment. A lost notification only delays the
 * member to its next regular heartbeat.
 */
public final class PushChannel {

    private static final Logger LOG = LoggerFactory.getLogger(PushChannel.class);
    public static final String TOPIC = "roster-push";

    private final Context context;
    private final ITopic<String> topic;
    private final Map<String, ServerWebSocket> sockets = new ConcurrentHashMap<>();
    private UUID listener;

    public PushChannel(HazelcastInstance hazelcast, Context context) {
        this.context = context;
        this.topic = hazelcast.getTopic(TOPIC);
    }

    public void start() {
        listener = topic.addMessageListener(message -> {
            // Hazelcast's thread: decode here, touch sockets on the event loop.
            try {
                JsonObject notice = new JsonObject(message.getMessageObject());
                context.runOnContext(v -> deliver(notice));
            } catch (RuntimeException e) {
                LOG.warn("[push] dropped a malformed notification", e);
            }
        });
    }

    public void stop() {
        if (listener != null) {
            topic.removeMessageListener(listener);
        }
        sockets.values().forEach(ServerWebSocket::close);
    }

    /** Keeps the member's socket until it closes; a newer socket of the same member replaces it. */
    public void register(String groupId, String memberId, ServerWebSocket socket) {
        String key = key(groupId, memberId);
        ServerWebSocket previous = sockets.put(key, socket);
        if (previous != null && previous != socket) {
            previous.close();
        }
        socket.closeHandler(v -> sockets.remove(key, socket));
        socket.exceptionHandler(e -> LOG.debug("[group {}] push socket of {} failed", groupId, memberId, e));
    }

    /** Broadcasts a notification for the members; completes without waiting for delivery. */
    public void notify(String groupId, Set<String> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        topic.publishAsync(new JsonObject().put("groupId", groupId).put("memberIds", new JsonArray(memberIds.stream()
                .sorted().toList())).encode()).whenCompleteAsync((done, failure) -> {
                    if (failure != null) {
                        LOG.warn("[group {}] could not notify {}", groupId, memberIds, failure);
                    }
                }, DirectStages.CALLER);
    }

    int connectedSockets() {
        return sockets.size();
    }

    private void deliver(JsonObject notice) {
        String groupId = notice.getString("groupId");
        for (Object member : notice.getJsonArray("memberIds")) {
            ServerWebSocket socket = sockets.get(key(groupId, (String) member));
            if (socket != null && !socket.isClosed()) {
                socket.writeTextMessage(new JsonObject().put("type", "assignment-changed").put("groupId", groupId)
                        .put("memberId", member).encode());
            }
        }
    }

    private static String key(String groupId, String memberId) {
        return groupId + '\u0000' + memberId;
    }
}
