package io.roster.offsets;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.roster.offsets.impl.GroupOffsets;
import io.roster.offsets.impl.OffsetLogReplay;
import io.roster.offsets.impl.ReloadMergeProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reloads committed offsets from the durable log when the cluster starts without them, before any member
 * serves offsets. One per member, on a daemon thread of its own; start it once the member runs.
 *
 * <p>The cluster agrees on one loader through an entry of the map {@value #META_MAP} (backed up like the
 * offsets): absent means "not loaded" (a new cluster, or one that lost it with every member);
 * {@code LOADING <member uuid>} a load under way; {@code LOADED} done. Every member's loader polls it:
 * <ul>
 *   <li>absent: claims it with {@code putIfAbsent} and, if that won, loads;</li>
 *   <li>{@code LOADING} by a member that is no longer in the cluster: takes it over with {@code replace} and
 *       loads (a load may run twice; the merge makes that harmless);</li>
 *   <li>{@code LOADED}: marks this member loaded; the offset store serves offsets from then on.</li>
 * </ul>
 * A load replays the whole log ({@link DurableOffsetLog#replay}: up to its end as of the start), keeps per
 * partition the record with the highest seq and drops tombstoned ones ({@code OffsetLogReplay}), and merges
 * each group into the map with a processor that never lowers what is there ({@code ReloadMergeProcessor}).
 * A failed load (the log unreachable) is retried, the claim kept, until it succeeds.
 *
 * <p>After the load the loader keeps watching the entry once a second. If all replicas of a part of the
 * offsets map are lost while the cluster lives on (more members lost at once than there are backups), the
 * loader that hears of it removes the entry: the members stop serving offsets and the cluster reloads.
 */
public final class OffsetLogLoader implements AutoCloseable {

    /** The map holding the load state, one entry per offsets map. */
    public static final String META_MAP = "roster-meta";

    private static final Logger LOG = LoggerFactory.getLogger(OffsetLogLoader.class);
    private static final String LOADED = "LOADED";
    private static final String LOADING = "LOADING ";
    private static final long POLL_MS = 200;
    private static final long WATCH_MS = 1_000;
    private static final long RETRY_MS = 1_000;
    private static final int MERGES_IN_FLIGHT = 64;
    private static final long MERGE_TIMEOUT_S = 120;

    private final HazelcastInstance member;
    private final OffsetStore store;
    private final DurableOffsets durable;
    private final IMap<String, String> meta;
    private final String key;
    private final String mine;
    private final ScheduledExecutorService thread;
    private final UUID lostListener;
    private volatile boolean closed;

    private OffsetLogLoader(HazelcastInstance member, OffsetStore store, DurableOffsets durable) {
        this.member = member;
        this.store = store;
        this.durable = durable;
        this.meta = member.getMap(META_MAP);
        this.key = "offsets-load:" + store.config().mapName();
        this.mine = LOADING + member.getCluster().getLocalMember().getUuid();
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "roster-offsets-loader");
            t.setDaemon(true);
            return t;
        });
        this.lostListener = store.map().addPartitionLostListener(event -> {
            if (!closed) {
                try {
                    thread.execute(this::partitionLost);
                } catch (RejectedExecutionException e) {
                    LOG.debug("[offsets-load] partition loss heard while stopping: {}", e.toString());
                }
            }
        });
    }

    /**
     * Starts the loader of {@code member}, whose offset store has durable offsets.
     *
     * @throws IllegalStateException if the store has no {@link DurableOffsets}
     */
    public static OffsetLogLoader start(HazelcastInstance member, OffsetStore store) {
        DurableOffsets durable = store.durableOffsets().orElseThrow(() -> new IllegalStateException(
                "the offset store has no durable offsets to load from"));
        OffsetLogLoader loader = new OffsetLogLoader(Objects.requireNonNull(member, "member"), store, durable);
        loader.thread.execute(loader::step);
        return loader;
    }

    /** Whether this member serves offsets (the cluster's are loaded). */
    public boolean loaded() {
        return durable.loaded();
    }

    /** Stops; a load under way is abandoned and its claim released, so that another member takes over. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            store.map().removePartitionLostListener(lostListener);
            meta.remove(key, mine);
        } catch (RuntimeException e) {
            LOG.debug("[offsets-load] not released on close (the member is stopping): {}", e.toString());
        }
    }

    private void step() {
        if (!member.getLifecycleService().isRunning()) {
            // The member was shut down or died under the loader: nothing left to load for.
            closed = true;
            thread.shutdown();
            return;
        }
        long next = POLL_MS;
        try {
            next = advance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            LOG.warn("[offsets-load] offsets not loaded yet, retrying in {} ms: {}", RETRY_MS, e.toString());
            next = RETRY_MS;
        }
        if (!closed) {
            thread.schedule(this::step, next, TimeUnit.MILLISECONDS);
        }
    }

    /** One look at the load state, and what it asks for; returns when to look again. */
    private long advance() throws InterruptedException {
        String state = meta.get(key);
        if (LOADED.equals(state)) {
            if (durable.loaded(true)) {
                LOG.info("[offsets-load] the cluster's committed offsets are loaded: serving them");
            }
            return WATCH_MS;
        }
        if (durable.loaded(false)) {
            LOG.warn("[offsets-load] the cluster lost its load state: offsets are not served until they are reloaded");
        }
        if (state == null) {
            if (meta.putIfAbsent(key, mine) != null) {
                return POLL_MS;
            }
            LOG.info("[offsets-load] no committed offsets in the cluster: this member reloads them from the durable log");
        } else if (!state.equals(mine)) {
            if (loaderAlive(state)) {
                return POLL_MS;
            }
            if (!meta.replace(key, state, mine)) {
                return POLL_MS;
            }
            LOG.warn("[offsets-load] the member that was loading ({}) left the cluster: this member takes over", state);
        }
        load();
        if (meta.replace(key, mine, LOADED)) {
            durable.loaded(true);
            LOG.info("[offsets-load] the cluster's committed offsets are loaded: serving them");
            return WATCH_MS;
        }
        return POLL_MS;
    }

    private boolean loaderAlive(String state) {
        String uuid = state.startsWith(LOADING) ? state.substring(LOADING.length()) : "";
        for (Member m : member.getCluster().getMembers()) {
            if (m.getUuid().toString().equals(uuid)) {
                return true;
            }
        }
        return false;
    }

    private void load() throws InterruptedException {
        long started = System.nanoTime();
        OffsetLogReplay replay = new OffsetLogReplay();
        durable.log().replay(replay::accept);
        Map<String, Map<PartitionId, OffsetLogRecord>> groups = replay.groups();
        IMap<String, GroupOffsets> offsets = store.map();
        long now = store.clock().millis();
        Semaphore inFlight = new Semaphore(MERGES_IN_FLIGHT);
        List<CompletableFuture<Integer>> merges = new ArrayList<>(groups.size());
        for (Map.Entry<String, Map<PartitionId, OffsetLogRecord>> group : groups.entrySet()) {
            inFlight.acquire();
            var merge = new ReloadMergeProcessor(List.copyOf(group.getValue().values()), now);
            CompletableFuture<Integer> done = offsets.submitToKey(group.getKey(), merge).toCompletableFuture();
            done.whenComplete((taken, failure) -> inFlight.release());
            merges.add(done);
        }
        int partitions = 0;
        try {
            CompletableFuture.allOf(merges.toArray(CompletableFuture[]::new)).get(MERGE_TIMEOUT_S, TimeUnit.SECONDS);
            for (CompletableFuture<Integer> merge : merges) {
                partitions += merge.join();
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("merging the reloaded offsets failed: " + e, e);
        }
        LOG.info("[offsets-load] reloaded the offsets of {} partitions of {} groups from {} log records in {} ms",
                partitions, groups.size(), replay.records(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void partitionLost() {
        try {
            if (meta.remove(key, LOADED)) {
                LOG.warn("[offsets-load] a part of the offsets map lost all its replicas: reloading from the durable log");
            }
        } catch (RuntimeException e) {
            LOG.warn("[offsets-load] could not start a reload after a partition loss: {}", e.toString());
        }
    }
}
