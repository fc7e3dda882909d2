package io.roster.coordinator.runtime;

import io.roster.assignor.TopicMetadata;
import io.roster.coordinator.store.GroupEvent;
import io.roster.coordinator.store.GroupStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes members whose session (or time to release partitions) ran out, on the node that
 * owns each group's Hazelcast partition: every node asks only for its own groups that are
 * due, so exactly one node acts on a group, and the expiry event re-checks the deadline
 * atomically, so a member is removed once. The next check is scheduled when one ends.
 * A node that has just become a group's owner waits a session timeout before it expires
 * any of its members (see {@link #dueAndSettled}).
 */
public final class SessionExpiryTask {

    private static final Logger LOG = LoggerFactory.getLogger(SessionExpiryTask.class);

    private final Vertx vertx;
    private final GroupStore groups;
    private final GroupEventService events;
    private final Supplier<TopicMetadata> metadata;
    private final GroupSettings settings;
    private final LongSupplier clock;
    private final long intervalMs;
    private final java.util.concurrent.atomic.AtomicLong expiredMembers = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Long> ownedSince = new HashMap<>(); // event loop only
    private volatile boolean stopped;
    private long timer = -1;

    public SessionExpiryTask(Vertx vertx, GroupStore groups, GroupEventService events, Supplier<TopicMetadata> metadata,
                             GroupSettings settings, LongSupplier clock, long intervalMs) {
        this.vertx = vertx;
        this.groups = groups;
        this.events = events;
        this.metadata = metadata;
        this.settings = settings;
        this.clock = clock;
        this.intervalMs = intervalMs;
    }

    public void start() {
        schedule();
    }

    public void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void schedule() {
        if (!stopped) {
            timer = vertx.setTimer(intervalMs, id -> check().onComplete(done -> schedule()));
        }
    }

    /** How many members this node has removed for an expired session or revocation. */
    public long expiredMembers() {
        return expiredMembers.get();
    }

    /** One round: the due groups of this node, each expired once. */
    Future<Integer> check() {
        long now = clock.getAsLong();
        // Local queries of this member's partitions: quick, but not on the event loop.
        return vertx.executeBlocking(() -> new LocalGroups(groups.localGroupIds(), groups.localGroupsDueForExpiry(now)))
                .compose(local -> expire(dueAndSettled(local, now), now))
                .onFailure(e -> LOG.warn("[expiry] check failed; retrying in {} ms", intervalMs, e));
    }

    private record LocalGroups(Set<String> all, Set<String> due) {
    }

    /**
     * The due groups this node has owned for at least a session timeout. A group that just
     * came to this node (its previous owner died, or the cluster rebalanced) gives its
     * members a full session to reach a live node first: while the group was moving, their
     * heartbeats could not land, and expiring them for it would rebalance a healthy group.
     * Kafka's coordinator restarts session timers when it takes a group over, likewise.
     */
    private Set<String> dueAndSettled(LocalGroups local, long now) {
        ownedSince.keySet().retainAll(local.all());
        local.all().forEach(groupId -> ownedSince.putIfAbsent(groupId, now));
        Set<String> settled = new HashSet<>();
        for (String groupId : local.due()) {
            if (now - ownedSince.getOrDefault(groupId, now) >= settings.sessionTimeoutMs()) {
                settled.add(groupId);
            }
        }
        return settled;
    }

    private Future<Integer> expire(Set<String> due, long now) {
        List<Future<Integer>> rounds = new ArrayList<>();
        for (String groupId : due) {
            GroupEvent event = settings.groupEvent(GroupEvent.Kind.EXPIRE, now, metadata.get());
            rounds.add(events.apply(groupId, event).map(result -> {
                if (!result.removed().isEmpty()) {
                    expiredMembers.addAndGet(result.removed().size());
                    LOG.info("[group {}] expired {}; group epoch {}", groupId, result.removed(), result.groupEpoch());
                }
                return result.removed().size();
            }));
        }
        return Future.join(rounds).map(all -> rounds.stream().filter(Future::succeeded).mapToInt(Future::result).sum());
    }
}
