package io.roster.client.internal;

import io.roster.client.CoordinatorException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to a list of coordinator nodes. Requests go to the current node; when it
 * cannot be reached (no connection, or no answer within the request timeout), or answers
 * {@code 503 COORDINATOR_UNAVAILABLE} (its cluster member is gone or recovering), the next one is
 * tried, each at most once per request. Any other error answer is a {@link CoordinatorException};
 * an exhausted list is one with status 0 and error {@code COORDINATOR_UNAVAILABLE}, or the last
 * node's own {@code 503} when every node answered one.
 *
 * <p>Must be called on the consumer's context: Vert.x delivers the answer there, and
 * attaching the body handler on the same thread is what keeps the body from being lost.
 */
public final class CoordinatorClient {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorClient.class);

    private final List<URI> nodes;
    private final String groupPath;
    private final HttpClient http;
    private final WebSocketClient sockets;
    private final long timeoutMs;
    private int current;

    public CoordinatorClient(Vertx vertx, List<URI> nodes, String groupId, Duration requestTimeout) {
        this.nodes = List.copyOf(nodes);
        this.groupPath = "/v1/groups/" + URLEncoder.encode(groupId, StandardCharsets.UTF_8).replace("+", "%20");
        this.timeoutMs = requestTimeout.toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeoutMs));
        this.sockets = vertx.createWebSocketClient();
    }

    public Future<JsonObject> heartbeat(JsonObject body) {
        return send(HttpMethod.POST, groupPath + "/heartbeat", body);
    }

    public Future<JsonObject> leave(JsonObject body) {
        return send(HttpMethod.POST, groupPath + "/leave", body);
    }

    public Future<JsonObject> commit(JsonObject body) {
        return send(HttpMethod.POST, groupPath + "/offsets/commit", body);
    }

    public Future<JsonObject> committedOffsets() {
        return send(HttpMethod.GET, groupPath + "/offsets", null);
    }

    /** Opens the member's push channel on the current node; {@code onNotice} runs per notice. */
    public Future<WebSocket> openPush(String memberId, Handler<Void> onNotice) {
        URI node = nodes.get(current);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(node.getHost()).setPort(node.getPort())
                .setURI(groupPath + "/members/" + URLEncoder.encode(memberId, StandardCharsets.UTF_8) + "/push")
                .setTimeout(timeoutMs);
        return sockets.connect(options).map(socket -> socket.textMessageHandler(text -> onNotice.handle(null)));
    }

    /** The node requests go to now. */
    public URI currentNode() {
        return nodes.get(current);
    }

    public Future<Void> close() {
        return Future.all(http.close(), sockets.close()).mapEmpty();
    }

    private Future<JsonObject> send(HttpMethod method, String path, JsonObject body) {
        return attempt(method, path, body, 0);
    }

    private Future<JsonObject> attempt(HttpMethod method, String path, JsonObject body, int tried) {
        URI node = nodes.get(current);
        RequestOptions options = new RequestOptions().setMethod(method).setHost(node.getHost()).setPort(node.getPort())
                .setURI(path).setIdleTimeout(timeoutMs).putHeader("content-type", "application/json");
        Future<JsonObject> exchange = http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body.toBuffer()))
                .compose(response -> response.body().map(buffer -> answer(response.statusCode(), buffer)));
        return exchange.recover(failure -> {
            if (failure instanceof CoordinatorException refused && !nodeUnavailable(refused)) {
                return Future.failedFuture(failure);
            }
            if (tried + 1 >= nodes.size()) {
                if (failure instanceof CoordinatorException) {
                    return Future.failedFuture(failure);
                }
                return Future.failedFuture(new CoordinatorException(0, "COORDINATOR_UNAVAILABLE",
                        "no coordinator answered (" + nodes + "): " + failure));
            }
            int next = (nodes.indexOf(node) + 1) % nodes.size();
            if (current == nodes.indexOf(node)) {
                current = next;
                LOG.warn("coordinator {} did not answer ({}); failing over to {}", node, failure.toString(), nodes.get(next));
            }
            return attempt(method, path, body, tried + 1);
        });
    }

    /** The node answered, but for its cluster member, not for the request: another node may do better. */
    private static boolean nodeUnavailable(CoordinatorException refused) {
        return refused.status() == 503 && "COORDINATOR_UNAVAILABLE".equals(refused.error());
    }

    private static JsonObject answer(int status, Buffer buffer) {
        JsonObject json;
        try {
            json = buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
        } catch (RuntimeException e) {
            throw new CoordinatorException(status, "BAD_ANSWER", "not JSON: " + buffer.toString());
        }
        if (status / 100 != 2) {
            throw new CoordinatorException(status, json.getString("error", "HTTP_" + status),
                    json.getString("message", "no message"));
        }
        return json;
    }
}
