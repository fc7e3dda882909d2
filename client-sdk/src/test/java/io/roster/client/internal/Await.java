package io.roster.client.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * Bridges the test thread and the consumer's Vert.x context: runs code on the context (where
 * the SDK's classes must be called) and waits, bounded, for what it gives.
 */
final class Await {

    private static final long TIMEOUT_SECONDS = 20;

    private Await() {
    }

    /**
     * Runs {@code action} on {@code context} and gives its value once it has run. The context runs
     * one task at a time, in order: whatever it was doing when this was called has finished.
     */
    static <T> T onContext(Context context, Supplier<T> action) {
        Promise<T> result = Promise.promise();
        context.runOnContext(ignored -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException | AssertionError e) {
                result.fail(e);
            }
        });
        return result(result.future());
    }

    static void onContext(Context context, Runnable action) {
        onContext(context, () -> {
            action.run();
            return null;
        });
    }

    /** The future's result; fails the test when it fails or takes too long. */
    static <T> T result(Future<T> future) {
        completion(future);
        if (future.failed()) {
            throw new AssertionError("expected success, got " + future.cause(), future.cause());
        }
        return future.result();
    }

    /** The future's failure; fails the test when it succeeds or takes too long. */
    static Throwable failure(Future<?> future) {
        completion(future);
        if (future.succeeded()) {
            throw new AssertionError("expected a failure, got " + future.result());
        }
        return future.cause();
    }

    private static void completion(Future<?> future) {
        Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).until(future::isComplete);
    }
}
