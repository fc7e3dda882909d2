package io.roster.demo;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits of the demo's own threads (never an event loop). An interrupt ends a wait early. */
final class Waits {

    private Waits() {
    }

    /** The future's result; an {@link IllegalStateException} naming {@code what} if it fails or is late. */
    static <T> T result(String what, Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }

    /** Waits as {@link #result}; a failure or a timeout is printed, not thrown (for shutting down). */
    static void quietly(String what, Future<?> future, Duration timeout) {
        try {
            result(what, future, timeout);
        } catch (IllegalStateException e) {
            System.out.println("  (" + e.getMessage() + ")");
        }
    }

    /** Waits until the latch opens or the time is up. */
    static void await(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the executor, shut down by the caller, has finished its tasks, or the time is up. */
    static void terminated(ExecutorService executor, Duration timeout) {
        try {
            executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
