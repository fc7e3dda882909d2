package io.roster.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * One JSON request to a coordinator on loopback and its answer. Call it on the Vert.x
 * context that should see the answer: the body handler is then attached on the event loop
 * that reads the response, before any of the body can arrive.
 */
final class JsonExchange {

    static final String LOOPBACK = "127.0.0.1";

    /** A status and the decoded body ({@code {}} for an empty one). */
    record Reply(int status, JsonObject json) {
        boolean ok() {
            return status == 200;
        }
    }

    private JsonExchange() {
    }

    /** {@code body} null: no body. */
    static Future<Reply> send(HttpClient client, HttpMethod method, int port, String path, JsonObject body) {
        Buffer payload = body == null ? Buffer.buffer() : body.toBuffer();
        return client.request(method, port, LOOPBACK, path)
                .compose(request -> request.putHeader("content-type", "application/json").send(payload))
                .compose(response -> response.body().map(buffer -> new Reply(response.statusCode(),
                        buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject())));
    }
}
