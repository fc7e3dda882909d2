package io.roster.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The main thread's way into the simulated members' Vert.x context: every action starts on
 * the context (an HTTP exchange chained from another thread can lose its body), and every
 * wait is bounded.
 */
final class ContextAwait {

    private ContextAwait() {
    }

    /** Runs {@code action} on {@code context} and waits for the future it returns. */
    static <T> T call(Context context, Supplier<Future<T>> action, Duration timeout, String what) {
        Promise<T> done = Promise.promise();
        context.runOnContext(ignored -> {
            try {
                action.get().onComplete(done);
            } catch (RuntimeException e) {
                done.fail(e);
            }
        });
        return result(done.future(), timeout, what);
    }

    /** Waits for a future of any thread; a failure or a timeout is a {@link BenchmarkFailure} naming {@code what}. */
    static <T> T result(Future<T> future, Duration timeout, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BenchmarkFailure failure) {
                throw failure;
            }
            throw new BenchmarkFailure(what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new BenchmarkFailure(what + ": nothing within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(what + ": interrupted", e);
        }
    }
}
