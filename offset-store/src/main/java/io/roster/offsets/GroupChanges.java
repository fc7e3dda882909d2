package io.roster.offsets;

import com.hazelcast.map.IMap;
import io.roster.offsets.impl.GroupOffsets;
import io.roster.offsets.impl.LoggedChangeProcessor;
import io.roster.offsets.impl.LoggedOutcome;
import io.roster.offsets.impl.LoggedStep;
import io.roster.offsets.impl.PendingChangeProcessor;
import io.roster.offsets.impl.Stages;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs the changes of one member's offset store to their end: with synchronous durable offsets, a logged
 * change is stored as pending by its processor, appended here, then confirmed (or aborted when the log did
 * not take it); a change refused because another change of the group is pending is tried again, with a
 * short backoff, until the log's timeout. Without synchronous durable offsets a change takes one step, and
 * none is ever refused as busy.
 */
final class GroupChanges {

    private static final long MAX_BACKOFF_MS = 10;

    private final IMap<String, GroupOffsets> map;
    private final DurableOffsets durable;

    GroupChanges(IMap<String, GroupOffsets> map, DurableOffsets durable) {
        this.map = map;
        this.durable = durable;
    }

    /**
     * The outcome of a logged change once it is stored, or refused ({@code UNAVAILABLE}: nothing changed).
     * Fails with {@link OffsetsUnavailableException} when the group stayed busy, or the log did not take the
     * change, for longer than the log's timeout; nothing was stored then.
     *
     * @param processors a new processor per attempt (each attempt is its own change, with its own token)
     */
    <O extends LoggedOutcome> CompletionStage<O> logged(String group, Supplier<? extends LoggedChangeProcessor<O>> processors) {
        CompletionStage<O> stored = whileBusy(group, () -> map.submitToKey(group, processors.get()),
                outcome -> outcome != null && outcome.step().kind() == LoggedStep.Kind.BUSY, 1);
        return stored.thenCompose(outcome -> outcome == null || outcome.step().kind() != LoggedStep.Kind.PENDING
                ? CompletableFuture.completedFuture(outcome) : finish(group, outcome));
    }

    /**
     * {@code attempt}'s result once it is not {@code busy}, trying again after a short backoff for up to
     * {@code timeouts} times the log's timeout; then fails with {@link OffsetsUnavailableException}. With 3,
     * no abandoned pending change (live for 2 timeouts) can make it fail.
     */
    <T> CompletionStage<T> whileBusy(String group, Supplier<CompletionStage<T>> attempt, Predicate<T> busy, int timeouts) {
        if (durable == null || durable.mode() != DurabilityMode.SYNC) {
            return attempt.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeouts * durable.config().timeoutMs());
        tryOnce(group, attempt, busy, deadline, 1, result);
        return result;
    }

    private <T> void tryOnce(String group, Supplier<CompletionStage<T>> attempt, Predicate<T> busy, long deadline,
                             int attempts, CompletableFuture<T> result) {
        attempt.get().whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(Stages.unwrap(failure));
            } else if (!busy.test(value)) {
                result.complete(value);
            } else if (System.nanoTime() - deadline > 0) {
                result.completeExceptionally(new OffsetsUnavailableException("another change of group '" + group
                        + "' has waited for the durable offset log for longer than " + durable.config().timeoutMs()
                        + " ms; nothing was changed"));
            } else {
                long backoff = Math.min(MAX_BACKOFF_MS, 1L << Math.min(attempts - 1, 4));
                durable.schedule(() -> tryOnce(group, attempt, busy, deadline, attempts + 1, result), backoff);
            }
        }, syncExecutor());
    }

    /** Appends a pending change's records, then confirms it; aborts it if the log did not take them. */
    private <O extends LoggedOutcome> CompletionStage<O> finish(String group, O outcome) {
        LoggedStep step = outcome.step();
        CompletableFuture<O> result = new CompletableFuture<>();
        durable.append(step.records()).whenCompleteAsync((appended, logFailure) -> {
            PendingChangeProcessor end = logFailure == null ? PendingChangeProcessor.confirm(step.token())
                    : PendingChangeProcessor.abort(step.token());
            map.submitToKey(group, end).whenCompleteAsync((matched, failure) -> {
                if (logFailure != null) {
                    // Aborted, or (if the abort failed) dropped by the group's next change after its deadline.
                    Throwable cause = Stages.unwrap(logFailure);
                    result.completeExceptionally(new OffsetsUnavailableException("the change of group '" + group
                            + "' could not be made durable; nothing was stored: " + cause.getMessage(), cause));
                } else if (failure != null) {
                    result.completeExceptionally(new OffsetsUnavailableException("the change of group '" + group
                            + "' is in the durable offset log but could not be stored: " + Stages.unwrap(failure),
                            Stages.unwrap(failure)));
                } else if (!Boolean.TRUE.equals(matched)) {
                    result.completeExceptionally(new OffsetsUnavailableException("the change of group '" + group
                            + "' reached the durable offset log after its deadline, when a later change had"
                            + " already replaced it; it was not stored"));
                } else {
                    result.complete(outcome);
                }
            }, syncExecutor());
        }, syncExecutor());
        return result;
    }

    /** The member's own thread: Hazelcast's default would start a thread per completion on small machines. */
    private Executor syncExecutor() {
        return task -> durable.schedule(task, 0);
    }
}
