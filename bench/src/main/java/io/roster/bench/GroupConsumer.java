package io.roster.bench;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One consumer application instance of a measured group, as {@link RebalanceBench} drives it.
 * It is built before the event that starts it (its thread or Vert.x instance exists, nothing
 * is connected yet); its handler notes every record in the {@link ProcessingLedger} and does
 * nothing else. Methods may be called from the harness thread.
 */
interface GroupConsumer {

    /** Unique in the run; the ledger's consumer id. */
    int id();

    /** The action of an add: builds its Kafka client and joins the group; returns without waiting for either. */
    void start();

    /** Graceful: in-flight records finish, processed offsets are committed, the group is left. */
    CompletableFuture<Void> close();

    /** As a crash: nothing more is processed or committed and the group is not told. */
    CompletableFuture<Void> kill();

    /** The partitions (of the one topic) it owns now, as its rebalance listener was told. */
    Set<Integer> owned();

    /** Its member id in the group; empty before it has one. */
    String memberId();

    /** Why it stopped by itself; null while it has not. */
    Throwable failure();
}
