package io.roster.coordinator.http;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.spi.exception.RetryableHazelcastException;
import io.roster.coordinator.group.GroupProtocolException;
import io.roster.coordinator.metadata.MetadataUnavailableException;
import io.roster.offsets.GroupNotEmptyException;
import io.roster.offsets.OffsetsLoadingException;
import io.roster.offsets.OffsetsUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become HTTP statuses and JSON error bodies. */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    /** What a 503 about offsets suggests: the durable log or the reload is usually back within seconds. */
    static final int OFFSETS_RETRY_AFTER_SECONDS = 1;

    private ErrorResponses() {
    }

    /** Completes when the answer is written (at once if a response was already sent). */
    static Future<Void> send(RoutingContext ctx, Throwable failure) {
        ApiException error = toApiError(failure);
        if (error.status() == 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), unwrap(failure));
        } else if (error.status() > 500) {
            LOG.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), error.getMessage());
        }
        if (ctx.response().ended()) {
            return Future.succeededFuture();
        }
        if (error.retryAfterSeconds() >= 0) {
            ctx.response().putHeader("retry-after", Integer.toString(error.retryAfterSeconds()));
        }
        return ctx.response().setStatusCode(error.status()).putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", error.code()).put("message", error.getMessage()).encode());
    }

    static ApiException toApiError(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof GroupProtocolException refusal) {
            int status = switch (refusal.error()) {
                case UNKNOWN_MEMBER -> 404;
                case FENCED_MEMBER_EPOCH -> 409;
                case INVALID_REQUEST -> 400;
            };
            return new ApiException(status, refusal.error().name(), refusal.getMessage());
        }
        if (cause instanceof GroupNotEmptyException notEmpty) {
            return new ApiException(409, "GROUP_NOT_EMPTY", notEmpty.getMessage());
        }
        if (cause instanceof OffsetsUnavailableException unavailable) {
            return new ApiException(503, "OFFSETS_UNAVAILABLE", unavailable.getMessage(), OFFSETS_RETRY_AFTER_SECONDS);
        }
        if (cause instanceof OffsetsLoadingException loading) {
            return new ApiException(503, "OFFSETS_LOADING", loading.getMessage(), OFFSETS_RETRY_AFTER_SECONDS);
        }
        if (cause instanceof MetadataUnavailableException unavailable) {
            return new ApiException(503, "KAFKA_UNAVAILABLE", unavailable.getMessage());
        }
        if (cause instanceof IndeterminateOperationStateException || cause instanceof HazelcastInstanceNotActiveException
                || cause instanceof RetryableHazelcastException) {
            // The cluster is moving partitions or lost a member: the request may be retried
            // (a heartbeat or commit is safe to send again).
            return new ApiException(503, "COORDINATOR_UNAVAILABLE", "the coordinator cluster is recovering; retry: "
                    + cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException invalid) {
            return ApiException.invalid(invalid.getMessage());
        }
        return new ApiException(500, "INTERNAL_ERROR", "the coordinator failed: " + cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
