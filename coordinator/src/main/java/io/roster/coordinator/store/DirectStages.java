package io.roster.coordinator.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Takes the result of a Hazelcast call on the thread that completes it.
 *
 * <p>A continuation that names no executor ({@code thenApply}, {@code whenComplete}) of a Hazelcast future
 * runs on Hazelcast's default async executor: the common ForkJoinPool, except when its parallelism is 1,
 * that is on one or two cores, where Hazelcast starts a new thread for every completion. A coordinator node
 * completes several Hazelcast calls per heartbeat, so on a small machine that was thousands of thread
 * starts a second under load. The continuations here only convert a result and hand it to a Vert.x
 * context, which never blocks: they can run where the result arrives.
 */
public final class DirectStages {

    /** Runs a task on the calling thread. */
    public static final Executor CALLER = Runnable::run;

    private DirectStages() {
    }

    /**
     * A plain {@link CompletableFuture} completed, on the thread that completes {@code stage}, with its
     * result or its failure (unwrapped from {@link CompletionException}). Its own continuations run there too.
     */
    public static <T> CompletableFuture<T> direct(CompletionStage<T> stage) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        }, CALLER);
        return result;
    }
}
