package io.roster.coordinator.runtime;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.http.CoordinatorHttpServer;
import io.roster.coordinator.metadata.TopicMetadataChange;
import io.roster.coordinator.metadata.TopicMetadataSource;
import io.roster.coordinator.store.GroupEvent;
import io.roster.coordinator.store.DirectStages;
import io.roster.coordinator.store.GroupStore;
import io.roster.coordinator.store.OwnershipPublisher;
import io.roster.offsets.OffsetLogLoader;
import io.roster.offsets.OffsetStore;
import io.roster.offsets.RetentionTask;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One coordinator node: the HTTP API, the push channel, session expiry and rebalances on
 * metadata changes, over a Hazelcast member that holds the state. Several nodes on one
 * Hazelcast cluster serve the same groups.
 */
public final class CoordinatorNode {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorNode.class);

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final TopicMetadataSource metadata;
    private final NodeSettings settings;
    private final LongSupplier clock;
    private final GroupStore groups;
    private final PushChannel push;
    private final GroupEventService events;
    private final SessionExpiryTask expiry;
    private final CoordinatorHttpServer http;
    private final OffsetStore offsets;
    private OffsetLogLoader loader;
    private RetentionTask retention;

    private CoordinatorNode(Vertx vertx, HazelcastInstance hazelcast, TopicMetadataSource metadata,
                            OffsetStoreConfig offsetConfig, NodeSettings settings, LongSupplier clock) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.metadata = metadata;
        this.settings = settings;
        this.clock = clock;
        Context context = vertx.getOrCreateContext();
        this.groups = new GroupStore(hazelcast);
        // Results are converted where Hazelcast completes them (see DirectStages), not on a thread of their own.
        this.offsets = new OffsetStore(hazelcast, offsetConfig, Clock.systemUTC(), DirectStages.CALLER);
        this.push = new PushChannel(hazelcast, context);
        this.events = new GroupEventService(groups, new OwnershipPublisher(offsets, groups,
                task -> context.runOnContext(v -> task.run())), push, context);
        this.expiry = new SessionExpiryTask(vertx, groups, events, metadata::current, settings.groups(), clock,
                settings.expiryCheckIntervalMs());
        this.http = new CoordinatorHttpServer(vertx, hazelcast, groups, events, push, offsets, metadata,
                settings.groups(), settings.maxBodyBytes(), clock);
    }

    /**
     * Starts a node on a running Hazelcast member (configured with
     * {@code GroupStore.configure} and {@code OffsetStore.configure}) and a started
     * metadata source.
     */
    public static Future<CoordinatorNode> start(Vertx vertx, HazelcastInstance hazelcast, TopicMetadataSource metadata,
                                                OffsetStoreConfig offsetConfig, NodeSettings settings,
                                                LongSupplier clock) {
        CoordinatorNode node = new CoordinatorNode(vertx, hazelcast, metadata, offsetConfig, settings, clock);
        return node.start();
    }

    private Future<CoordinatorNode> start() {
        if (offsets.durableOffsets().isPresent()) {
            // Until the cluster's offsets are (re)loaded from the durable log, fetches and commits answer 503.
            loader = OffsetLogLoader.start(hazelcast, offsets);
        }
        push.start();
        metadata.addChangeListener(this::rebalanceLocalGroups);
        return http.listen(settings.httpHost(), settings.httpPort()).map(server -> {
            expiry.start();
            LOG.info("coordinator node listening on {}:{}, Hazelcast member {}", settings.httpHost(), server.port(),
                    hazelcast.getCluster().getLocalMember().getAddress());
            return this;
        });
    }

    public int httpPort() {
        return http.port();
    }

    /** How many members this node has expired (each member is expired by one node only). */
    public long expiredMembers() {
        return expiry.expiredMembers();
    }

    /** Whether this node serves committed offsets: always without durable offsets, else once they are loaded. */
    public boolean offsetsLoaded() {
        return offsets.loaded();
    }

    /**
     * Starts removing, every {@code interval}, the offsets of the groups this member holds that
     * have had no members for the offset store's retention time. The service does this on every
     * node; each group is judged by the member that owns it.
     */
    public synchronized void startRetention(Duration interval) {
        if (retention == null) {
            retention = RetentionTask.start(offsets, interval);
        }
    }

    /** Stops serving; the Hazelcast member and the metadata source are the caller's to close. */
    public Future<Void> stop() {
        if (loader != null) {
            loader.close();
        }
        synchronized (this) {
            if (retention != null) {
                retention.stop();
            }
        }
        expiry.stop();
        push.stop();
        return http.close();
    }

    /** A topic of the cluster changed its partitions: the groups this node owns rebalance if they use it. */
    private void rebalanceLocalGroups(TopicMetadataChange change) {
        vertx.executeBlocking(groups::localGroupIds).onSuccess(ids -> {
            List<Future<?>> rounds = new ArrayList<>();
            for (String groupId : ids) {
                rounds.add(events.apply(groupId, settings.groups().groupEvent(GroupEvent.Kind.METADATA,
                        clock.getAsLong(), metadata.current())));
            }
            Future.join(rounds).onFailure(e -> LOG.warn("[metadata] rebalancing after {} failed", change, e));
        }).onFailure(e -> LOG.warn("[metadata] could not list this node's groups", e));
    }
}
