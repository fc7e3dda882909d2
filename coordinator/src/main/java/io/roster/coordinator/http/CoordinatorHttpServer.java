package io.roster.coordinator.http;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.TopicMetadataSource;
import io.roster.coordinator.runtime.GroupEventService;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.PushChannel;
import io.roster.coordinator.store.GroupStore;
import io.roster.offsets.OffsetStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.LongSupplier;

/**
 * The coordinator's HTTP API on one node: the group protocol, health and readiness. Any
 * node serves any group; the state is in Hazelcast.
 */
public final class CoordinatorHttpServer {

    private final Vertx vertx;
    private final Router router;
    private HttpServer server;

    public CoordinatorHttpServer(Vertx vertx, HazelcastInstance hazelcast, GroupStore groups, GroupEventService events,
                                 PushChannel push, OffsetStore offsets, TopicMetadataSource metadata,
                                 GroupSettings settings, long maxBodyBytes, LongSupplier clock) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/ready").handler(ctx -> {
            boolean ready = hazelcast.getLifecycleService().isRunning();
            json(ctx, ready ? 200 : 503, new JsonObject().put("status", ready ? "READY" : "NOT_READY"));
        });
        new GroupRoutes(groups, events, push, offsets, metadata, settings, clock).mount(router);
        new AdminRoutes(vertx, groups, offsets, metadata).mount(router);
        router.route().last().handler(ctx -> ErrorResponses.send(ctx,
                new ApiException(404, "NOT_FOUND", "no such endpoint: " + ctx.request().method() + " " + ctx.request().path())));
        // Failures of vertx-web itself (a body over the limit: 413) get the same JSON body.
        router.route().failureHandler(ctx -> {
            if (ctx.failure() != null) {
                ErrorResponses.send(ctx, ctx.failure());
            } else if (ctx.statusCode() == 413) {
                // The rest of the body is still on its way: left on a kept-alive connection it
                // would be read as the next request, so the connection ends with the answer.
                ctx.response().putHeader("connection", "close");
                ErrorResponses.send(ctx, new ApiException(413, "BODY_TOO_LARGE",
                        "the body is larger than " + maxBodyBytes + " bytes"))
                        .onComplete(sent -> ctx.request().connection().close());
            } else {
                ErrorResponses.send(ctx, new ApiException(ctx.statusCode(), "HTTP_" + ctx.statusCode(),
                        "the request failed with status " + ctx.statusCode()));
            }
        });
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    public Future<CoordinatorHttpServer> listen(String host, int port) {
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(started -> {
            server = started;
            return this;
        });
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private static void json(io.vertx.ext.web.RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
