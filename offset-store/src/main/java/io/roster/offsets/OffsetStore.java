package io.roster.offsets;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import io.roster.offsets.impl.GroupDeleteProcessor;
import io.roster.offsets.impl.GroupMutationOutcome;
import io.roster.offsets.impl.GroupOffsets;
import io.roster.offsets.impl.LoggedStep;
import io.roster.offsets.impl.OffsetCommitProcessor;
import io.roster.offsets.impl.OffsetFetchProcessor;
import io.roster.offsets.impl.OffsetResetProcessor;
import io.roster.offsets.impl.OffsetStoreSerialization;
import io.roster.offsets.impl.OwnershipReadProcessor;
import io.roster.offsets.impl.OwnershipView;
import io.roster.offsets.impl.PublishOwnershipProcessor;
import io.roster.offsets.impl.RetentionCheckProcessor;
import io.roster.offsets.impl.RetentionExpiryProcessor;
import io.roster.offsets.impl.Stages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Committed offsets per (group, topic, partition), fenced by the ownership table the coordinator publishes.
 *
 * <p>One entry per group in a Hazelcast {@code IMap}; every operation on a group is one entry processor,
 * run atomically on the partition thread that owns the group's entry and replayed on its synchronous
 * backups. See {@code docs/offset-store.md} for the model and the rules.
 *
 * <p>Threading: every method except {@link #expireEmptyGroups()} returns at once without blocking, and is
 * safe to call from an event loop. The returned stages complete on the {@code completionExecutor} given to
 * the constructor, for example one that posts to the caller's Vert.x context. Without one they complete on
 * Hazelcast's default async executor: the common ForkJoinPool, or, where that pool has parallelism 1
 * (machines with 2 cores or fewer), a new thread per completion; a Vert.x caller then hops back with
 * {@code Future.fromCompletionStage(stage, context)}. Stages fail with the bare exception (never wrapped in
 * {@code CompletionException}). Argument errors are thrown at once, before anything is sent.
 *
 * <p>The instance must be a member (not a client) whose {@link Config} went through
 * {@link #configure(Config, OffsetStoreConfig)} before it started.
 */
public final class OffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetStore.class);

    private final IMap<String, GroupOffsets> map;
    private final OffsetStoreConfig config;
    private final Clock clock;
    private final Executor completionExecutor;
    private final DurableOffsets durable;
    private final GroupChanges changes;

    public OffsetStore(HazelcastInstance hazelcast, OffsetStoreConfig config) {
        this(hazelcast, config, Clock.systemUTC(), null);
    }

    public OffsetStore(HazelcastInstance hazelcast, OffsetStoreConfig config, Clock clock) {
        this(hazelcast, config, clock, null);
    }

    /**
     * @param clock              the source of commit times and of "now" for retention; processors never read
     *                           clocks themselves, so that backups apply the same value
     * @param completionExecutor where the returned stages complete; {@code null} for Hazelcast's default
     *                           async executor. Its tasks are short and must not be dropped.
     * @throws IllegalStateException if the member's config did not go through {@link #configure}
     */
    public OffsetStore(HazelcastInstance hazelcast, OffsetStoreConfig config, Clock clock, Executor completionExecutor) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.completionExecutor = completionExecutor;
        requireConfigured(hazelcast.getConfig(), config);
        this.map = hazelcast.getMap(config.mapName());
        this.durable = DurableOffsets.of(hazelcast).orElse(null);
        this.changes = new GroupChanges(map, durable);
    }

    /**
     * Hazelcast property that makes an operation fail, instead of succeed, when its synchronous backups do
     * not acknowledge within {@code hazelcast.operation.backup.timeout.millis} (5 s by default).
     */
    public static final String FAIL_ON_INDETERMINATE_STATE = "hazelcast.operation.fail.on.indeterminate.state";

    /**
     * Adds the offsets map (synchronous backups, in-memory format OBJECT) and the serialization factory to a
     * Hazelcast config that is about to start a member. Every member of the cluster needs it.
     *
     * <p>Unless the config or a system property already sets it, this also sets {@value #FAIL_ON_INDETERMINATE_STATE} to
     * {@code true}, for the whole member: by default Hazelcast acknowledges an operation whose backup did
     * not answer in time, and the store promises that an acknowledged commit is on its backups. With it, such
     * a commit fails with {@code IndeterminateOperationStateException} (it may or may not have been applied;
     * committing the same offset again is harmless).
     *
     * @return {@code hazelcastConfig}, for chaining
     * @throws IllegalStateException if another factory is registered under {@link OffsetStoreSerialization#FACTORY_ID}
     */
    public static Config configure(Config hazelcastConfig, OffsetStoreConfig config) {
        var serialization = hazelcastConfig.getSerializationConfig();
        DataSerializableFactory existing = serialization.getDataSerializableFactories()
                .get(OffsetStoreSerialization.FACTORY_ID);
        if ((existing != null && !(existing instanceof OffsetStoreSerialization))
                || serialization.getDataSerializableFactoryClasses().containsKey(OffsetStoreSerialization.FACTORY_ID)) {
            throw new IllegalStateException("data serializable factory id " + OffsetStoreSerialization.FACTORY_ID
                    + " is already taken by another factory");
        }
        serialization.addDataSerializableFactory(OffsetStoreSerialization.FACTORY_ID, new OffsetStoreSerialization());
        // Hazelcast prefers a config property to a system property: set neither over the other's choice.
        if (hazelcastConfig.getProperty(FAIL_ON_INDETERMINATE_STATE) == null
                && System.getProperty(FAIL_ON_INDETERMINATE_STATE) == null) {
            hazelcastConfig.setProperty(FAIL_ON_INDETERMINATE_STATE, "true");
        }
        hazelcastConfig.addMapConfig(new MapConfig(config.mapName())
                .setBackupCount(config.backupCount())
                .setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.OBJECT));
        hazelcastConfig.addMapConfig(new MapConfig(OffsetLogLoader.META_MAP)
                .setBackupCount(config.backupCount())
                .setAsyncBackupCount(0));
        return hazelcastConfig;
    }

    public OffsetStoreConfig config() {
        return config;
    }

    /** The member's durable offsets, if its config {@linkplain DurableOffsets#install installed} them. */
    public Optional<DurableOffsets> durableOffsets() {
        return Optional.ofNullable(durable);
    }

    /**
     * Replaces the group's whole ownership table if {@code version} is greater than the stored one.
     * The coordinator calls it after every change of the group's ownership, and before it tells any member
     * about the change.
     *
     * @param version a number that grows with every change of the group's ownership, 1 or more
     * @param members member id to its epoch and owned partitions; empty when the group has no live members
     * @return whether the table was replaced ({@code false}: an equal or newer version is stored; nothing changed)
     * @throws IllegalArgumentException if two members own one partition, or {@code version} is not positive
     */
    public CompletionStage<Boolean> publishOwnership(String group, long version, Map<String, MemberOwnership> members) {
        requireName(group, "group id");
        if (version <= 0) {
            throw new IllegalArgumentException("ownership version of group '" + group + "' must be positive: " + version);
        }
        Map<String, MemberOwnership> table = Map.copyOf(members);
        table.keySet().forEach(memberId -> requireName(memberId, "member id"));
        GroupOffsets.requireSingleOwners(table);
        long now = clock.millis();
        // A publish outwaits even a pending change whose node died: commits are fenced by what it publishes.
        var published = changes.whileBusy(group,
                () -> map.submitToKey(group, new PublishOwnershipProcessor(version, table, now)),
                previous -> previous == PublishOwnershipProcessor.BUSY, 3);
        return complete(published, previous -> {
            boolean applied = version > previous;
            if (version == previous) {
                // The same table again: every coordinator node makes sure the store has a version before it
                // answers with it (harmless, and common).
                LOG.debug("[group {}] ownership version {} is already stored", group, version);
            } else if (!applied) {
                // Out-of-order publishes from two coordinator nodes: harmless, but rare.
                LOG.info("[group {}] ownership version {} ignored: version {} is already stored", group, version, previous);
            } else if (table.isEmpty()) {
                LOG.info("[group {}] ownership version {}: no live members; offsets expire after {} ms",
                        group, version, config.retentionMs());
            } else {
                LOG.debug("[group {}] ownership version {} published: {} members", group, version, table.size());
            }
            return applied;
        });
    }

    /**
     * Commits offsets for the partitions of one member, fenced: each partition is judged on its own, at the
     * moment of the write, against the ownership table (see {@link CommitResult} for the order of the checks).
     * Only partitions judged {@link CommitResult#OK} are stored; an accepted offset may be lower than the
     * stored one (a consumer that rolled back re-commits).
     *
     * <p>With {@link DurableOffsets}, the accepted offsets are written to the durable log too (see there for
     * when). The stage fails with {@link OffsetsUnavailableException} when the log did not take them in time
     * ({@link DurabilityMode#SYNC}); nothing was stored then.
     *
     * @return one result per requested partition
     */
    public CompletionStage<Map<PartitionId, CommitResult>> commit(String group, String memberId, int memberEpoch,
                                                                 Map<PartitionId, OffsetCommit> offsets) {
        requireName(group, "group id");
        requireName(memberId, "member id");
        Map<PartitionId, OffsetCommit> commits = Map.copyOf(offsets);
        if (commits.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        if (!loaded()) {
            return loading(group);
        }
        long now = clock.millis();
        var committed = changes.logged(group, () -> new OffsetCommitProcessor(memberId, memberEpoch, commits,
                config.metadataMaxChars(), now, durable != null));
        return complete(committed, outcome -> {
            if (outcome.step().kind() == LoggedStep.Kind.UNAVAILABLE) {
                LOG.warn("[group {}] commit by member {} not stored: {}", group, memberId, outcome.step().reason());
                throw new OffsetsUnavailableException("the commit of group '" + group + "' could not be made durable;"
                        + " nothing was stored: " + outcome.step().reason());
            }
            Map<PartitionId, CommitResult> results = Map.copyOf(outcome.results());
            if (LOG.isDebugEnabled() && results.values().stream().anyMatch(r -> r != CommitResult.OK)) {
                LOG.debug("[group {}] commit by member {} at epoch {} rejected in part: {}",
                        group, memberId, memberEpoch, new TreeMap<>(results));
            }
            return results;
        });
    }

    /** All committed offsets of the group; an empty map for a group the store does not know. */
    public CompletionStage<Map<PartitionId, CommittedOffset>> fetch(String group) {
        return fetch(group, Set.of());
    }

    /**
     * The committed offsets of {@code partitions} (all partitions when empty); partitions without a committed
     * offset are absent from the result. Only the requested offsets travel from the member holding the group.
     */
    public CompletionStage<Map<PartitionId, CommittedOffset>> fetch(String group, Set<PartitionId> partitions) {
        requireName(group, "group id");
        Set<PartitionId> wanted = Set.copyOf(partitions);
        if (!loaded()) {
            return loading(group);
        }
        return complete(map.submitToKey(group, new OffsetFetchProcessor(wanted)),
                outcome -> Map.copyOf(outcome.offsets()));
    }

    /** The group's ownership table; empty when the store has no entry for the group. */
    public CompletionStage<Optional<GroupOwnership>> ownership(String group) {
        requireName(group, "group id");
        return complete(map.submitToKey(group, new OwnershipReadProcessor()),
                view -> Optional.ofNullable(view).map(OwnershipView::toOwnership));
    }

    /**
     * Sets the committed offsets of the given partitions (metadata cleared); other partitions keep theirs.
     * Allowed only while the group has no live members; a group the store does not know is created. The
     * retention time of the group counts again from now.
     *
     * <p>The stage fails with {@link GroupNotEmptyException} when the group has live members, and with
     * {@link OffsetsUnavailableException} when the durable log did not take the new offsets; nothing changes.
     *
     * @throws IllegalArgumentException naming the partition if an offset is negative, or if {@code offsets} is empty
     */
    public CompletionStage<Void> reset(String group, Map<PartitionId, Long> offsets) {
        requireName(group, "group id");
        Map<PartitionId, Long> resets = Map.copyOf(offsets);
        if (resets.isEmpty()) {
            throw new IllegalArgumentException("no partitions to reset for group '" + group + "'");
        }
        new TreeMap<>(resets).forEach((partition, offset) -> {
            if (offset < 0) {
                throw new IllegalArgumentException("offset to reset partition " + partition + " of group '" + group
                        + "' to must not be negative: " + offset);
            }
        });
        if (!loaded()) {
            return loading(group);
        }
        long now = clock.millis();
        return complete(changes.logged(group, () -> new OffsetResetProcessor(resets, now, durable != null)), outcome -> {
            requireApplied(group, outcome);
            LOG.info("[group {}] offsets reset: {}", group, new TreeMap<>(resets));
            return null;
        });
    }

    /**
     * Deletes the group's offsets and ownership table. Allowed only while the group has no live members.
     *
     * <p>The stage fails with {@link GroupNotEmptyException} when the group has live members, and with
     * {@link OffsetsUnavailableException} when the durable log did not take its tombstones; nothing changes.
     *
     * @return {@code true} if the group was deleted, {@code false} if the store did not know it
     */
    public CompletionStage<Boolean> delete(String group) {
        requireName(group, "group id");
        if (!loaded()) {
            return loading(group);
        }
        long now = clock.millis();
        return complete(changes.logged(group, () -> new GroupDeleteProcessor(now, durable != null)), outcome -> {
            requireApplied(group, outcome);
            boolean deleted = outcome.kind() == GroupMutationOutcome.Kind.APPLIED;
            if (deleted) {
                LOG.info("[group {}] offsets deleted", group);
            }
            return deleted;
        });
    }

    /**
     * Removes the groups held by this member whose ownership table has been empty for at least
     * {@link OffsetStoreConfig#retentionMs()}; each group is judged, and removed, in one step where it lives.
     *
     * <p>Only the groups this member owns are looked at ({@code IMap.localKeySet()}), so when every member
     * runs it, each group is judged once, by its owner. A group that moves between members during a run may
     * be missed until the next run; it is never removed unless the condition holds at the moment of removal.
     *
     * <p><b>Blocks</b> while it lists the local keys: call it from a worker thread (see {@link RetentionTask}),
     * never from an event loop.
     *
     * @return the number of groups removed
     */
    public CompletionStage<Integer> expireEmptyGroups() {
        long now = clock.millis();
        if (!loaded()) {
            // A group being reloaded has not got its offsets back yet: nothing to judge it by.
            return CompletableFuture.completedFuture(0);
        }
        Set<String> local = map.localKeySet();
        if (local.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        // A cheap read-only pass over every local group, then one removal per expired group: each removal is
        // its own logged change (tombstones first, with durable offsets), which a multi-key processor cannot be.
        CompletionStage<Integer> expired = map.submitToKeys(local, new RetentionCheckProcessor(now, config.retentionMs()))
                .thenCompose(checked -> {
                    List<String> candidates = checked.entrySet().stream()
                            .filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey).sorted().toList();
                    List<CompletableFuture<Boolean>> removals = new ArrayList<>();
                    for (String group : candidates) {
                        removals.add(changes.logged(group, () -> new RetentionExpiryProcessor(now, config.retentionMs(),
                                durable != null)).toCompletableFuture().handle((outcome, failure) -> expiredOutcome(group, outcome, failure)));
                    }
                    return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
                            .thenApply(all -> (int) removals.stream().filter(CompletableFuture::join).count());
                });
        return complete(expired, count -> count);
    }

    private boolean expiredOutcome(String group, GroupMutationOutcome outcome, Throwable failure) {
        if (failure != null || outcome.step().kind() == LoggedStep.Kind.UNAVAILABLE) {
            LOG.warn("[group {}] offsets not expired: {}; retrying in the next run", group,
                    failure != null ? Stages.unwrap(failure).getMessage() : outcome.step().reason());
            return false;
        }
        if (outcome.kind() == GroupMutationOutcome.Kind.APPLIED) {
            LOG.info("[group {}] offsets expired: no live members for {} ms or more", group, config.retentionMs());
            return true;
        }
        return false;
    }

    /**
     * Whether offsets may be read and changed: always without durable offsets; with them, once the cluster's
     * offsets are known to be loaded from the log ({@link OffsetLogLoader}).
     */
    public boolean loaded() {
        return durable == null || durable.loaded();
    }

    Clock clock() {
        return clock;
    }

    IMap<String, GroupOffsets> map() {
        return map;
    }

    private static <T> CompletionStage<T> loading(String group) {
        return CompletableFuture.failedFuture(new OffsetsLoadingException("the coordinator cluster is reloading committed"
                + " offsets from the durable log after a cold start; offsets of group '" + group
                + "' cannot be read or changed until it has"));
    }

    private <R, T> CompletionStage<T> complete(CompletionStage<R> stage, Function<? super R, ? extends T> convert) {
        return Stages.map(stage, convert, completionExecutor);
    }

    private static void requireApplied(String group, GroupMutationOutcome outcome) {
        if (outcome.kind() == GroupMutationOutcome.Kind.NOT_EMPTY) {
            throw new GroupNotEmptyException(group, outcome.liveMembers());
        }
        if (outcome.step().kind() == LoggedStep.Kind.UNAVAILABLE) {
            throw new OffsetsUnavailableException("the change of group '" + group + "' could not be made durable;"
                    + " nothing was changed: " + outcome.step().reason());
        }
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    private static void requireConfigured(Config hazelcastConfig, OffsetStoreConfig config) {
        MapConfig mapConfig = hazelcastConfig.getMapConfigOrNull(config.mapName());
        boolean factoryRegistered = hazelcastConfig.getSerializationConfig().getDataSerializableFactories()
                .get(OffsetStoreSerialization.FACTORY_ID) instanceof OffsetStoreSerialization;
        if (mapConfig == null || mapConfig.getInMemoryFormat() != InMemoryFormat.OBJECT
                || mapConfig.getBackupCount() < config.backupCount() || !factoryRegistered) {
            throw new IllegalStateException("the Hazelcast member was not configured for the offset store (map '"
                    + config.mapName() + "'): call OffsetStore.configure(config, offsetStoreConfig) before starting it");
        }
    }
}
