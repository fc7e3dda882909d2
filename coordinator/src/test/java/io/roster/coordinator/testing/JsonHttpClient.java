package io.roster.coordinator.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * A JSON-over-HTTP client for tests, called from a test thread.
 *
 * <p>Every exchange runs on one Vert.x context. Chained from a test thread instead, the
 * {@code response.body()} handler can be set after the body has already arrived on the
 * event loop, and the body is lost: the test sees the right status with an empty body.
 */
public final class JsonHttpClient {

    /** A status, the JSON body ({@code {}} when the body is empty) and the headers. */
    public record Response(int status, JsonObject json, MultiMap headers) {
        public String error() {
            return json.getString("error");
        }

        public String message() {
            return json.getString("message");
        }
    }

    private final Context context;
    private final HttpClient client;

    public JsonHttpClient(Vertx vertx) {
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient();
    }

    /** The exchange as a future; {@code body} may be null (no body). */
    public Future<Response> send(HttpMethod method, int port, String path, String body) {
        Promise<Response> answer = Promise.promise();
        context.runOnContext(ignored -> client.request(method, port, "127.0.0.1", path)
                .compose(request -> request.putHeader("content-type", "application/json")
                        .send(body == null ? Buffer.buffer() : Buffer.buffer(body)))
                .compose(response -> response.body().map(buffer -> new Response(response.statusCode(),
                        buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject(), response.headers())))
                .onComplete(answer));
        return answer.future();
    }

    /** The exchange, waited for (at most 30 s). */
    public Response call(HttpMethod method, int port, String path, String body) {
        return Await.result(send(method, port, path, body));
    }

    public Response get(int port, String path) {
        return call(HttpMethod.GET, port, path, null);
    }

    public Response post(int port, String path, JsonObject body) {
        return call(HttpMethod.POST, port, path, body.encode());
    }
}
