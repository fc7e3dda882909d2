package io.roster.coordinator.runtime;

import io.roster.coordinator.store.GroupEvent;
import io.roster.coordinator.store.GroupEventResult;
import io.roster.coordinator.store.GroupStore;
import io.roster.coordinator.store.OwnershipPublisher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletionStage;

/**
 * Applies a group event the one right way, whoever triggers it (a request, the expiry
 * timer, a metadata change): atomically on the group's Hazelcast partition, then the new
 * ownership to the offset store, and only then notifications to the members, so that no
 * member is told of partitions it could not yet commit.
 */
public final class GroupEventService {

    private final GroupStore groups;
    private final OwnershipPublisher ownership;
    private final PushChannel push;
    private final Context context;

    public GroupEventService(GroupStore groups, OwnershipPublisher ownership, PushChannel push, Context context) {
        this.groups = groups;
        this.ownership = ownership;
        this.push = push;
        this.context = context;
    }

    public Future<GroupEventResult> apply(String groupId, GroupEvent event) {
        return onContext(groups.apply(groupId, event))
                .compose(result -> onContext(ownership.publish(groupId, result)).map(published -> {
                    push.notify(groupId, result.membersToNotify());
                    return result;
                }));
    }

    private <T> Future<T> onContext(CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, context);
    }
}
