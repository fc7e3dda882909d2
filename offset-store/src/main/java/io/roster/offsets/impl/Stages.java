package io.roster.offsets.impl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
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
     * <p>{@code convert} runs on the thread that completes Hazelcast's stage (Hazelcast's async executor):
     * it must be quick and must not block.
     */
    public static <R, T> CompletionStage<T> map(CompletionStage<R> stage, Function<? super R, ? extends T> convert) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            try {
                result.complete(convert.apply(value));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
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
