package io.roster.offsets.impl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Bridges Hazelcast's stages to the ones the store returns. */
public final class Stages {

    private Stages() {
    }

    /**
     * A stage completed with {@code convert(result)}; if Hazelcast fails, or {@code convert} throws, it fails
     * with the bare exception (not wrapped in {@link CompletionException}), so a caller can tell a
     * {@code GroupNotEmptyException} from a Hazelcast error without unwrapping.
     *
     * <p>{@code convert}, and then the caller's own non-async continuations, run on {@code executor}, or on
     * Hazelcast's default async executor when it is {@code null}. That default is the common ForkJoinPool,
     * except when its parallelism is 1 (2 cores or fewer): then Hazelcast starts a new thread per completion.
     */
    public static <R, T> CompletionStage<T> map(CompletionStage<R> stage, Function<? super R, ? extends T> convert,
                                                Executor executor) {
        CompletableFuture<T> result = new CompletableFuture<>();
        BiConsumer<R, Throwable> complete = (value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            try {
                result.complete(convert.apply(value));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (executor == null) {
            stage.whenComplete(complete);
        } else {
            // If the executor refuses the task, Hazelcast fails the stage whenCompleteAsync returns; without
            // this the caller's stage would never complete.
            stage.whenCompleteAsync(complete, executor).exceptionally(failure -> {
                result.completeExceptionally(unwrap(failure));
                return null;
            });
        }
        return result;
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
