package io.roster.coordinator.runtime;

import io.roster.assignor.TopicMetadata;
import io.roster.coordinator.store.GroupEvent;
import io.roster.coordinator.store.GroupStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
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

    /** One round: the due groups of this node, each expired once. */
    Future<Integer> check() {
        long now = clock.getAsLong();
        // A local query of this member's partitions: quick, but not on the event loop.
        return vertx.executeBlocking(() -> groups.localGroupsDueForExpiry(now)).compose(due -> expire(due, now))
                .onFailure(e -> LOG.warn("[expiry] check failed; retrying in {} ms", intervalMs, e));
    }

    private Future<Integer> expire(Set<String> due, long now) {
        List<Future<Integer>> rounds = new ArrayList<>();
        for (String groupId : due) {
            GroupEvent event = new GroupEvent(GroupEvent.Kind.EXPIRE, null, null, false, null, now, metadata.get(),
                    settings.assignorName(), settings.sessionTimeoutMs(), settings.rebalanceTimeoutMs());
            rounds.add(events.apply(groupId, event).map(result -> {
                if (!result.removed().isEmpty()) {
                    LOG.info("[group {}] expired {}; group epoch {}", groupId, result.removed(), result.groupEpoch());
                }
                return result.removed().size();
            }));
        }
        return Future.join(rounds).map(all -> rounds.stream().filter(Future::succeeded).mapToInt(Future::result).sum());
    }
}
