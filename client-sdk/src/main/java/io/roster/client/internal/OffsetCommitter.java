package io.roster.client.internal;

import io.roster.client.CoordinatorException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits processed offsets with the member's epoch, one request at a time: two requests in
 * flight could be applied in the other order and move an offset back. A request asked for
 * while one is in flight waits and is merged with the other waiting ones. A partition the
 * coordinator fences is lost at once; an unknown member loses everything. {@code workers} is
 * the consumer's live map of owned partitions, read on its context.
 */
final class OffsetCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);

    /** Told when a commit shows that partitions (or the membership) are gone. */
    interface Losses {
        void partitionsLost(Set<TopicPartition> partitions, String reason);

        void memberGone(String reason);
    }

    private final CoordinatorClient client;
    private final Membership membership;
    private final Map<TopicPartition, PartitionWorker> workers;
    private final Losses losses;
    private boolean inFlight;
    private Promise<Void> waiting;
    private Set<TopicPartition> waitingScope;

    OffsetCommitter(CoordinatorClient client, Membership membership, Map<TopicPartition, PartitionWorker> workers,
                    Losses losses) {
        this.client = client;
        this.membership = membership;
        this.workers = workers;
        this.losses = losses;
    }

    /** Commits the processed offsets of {@code scope} (null: every partition). */
    Future<Void> commit(Set<TopicPartition> scope) {
        if (!inFlight) {
            return send(scope);
        }
        if (waiting == null) {
            waiting = Promise.promise();
            waitingScope = scope == null ? null : new HashSet<>(scope);
        } else if (waitingScope != null) {
            if (scope == null) {
                waitingScope = null;
            } else {
                waitingScope.addAll(scope);
            }
        }
        return waiting.future();
    }

    private Future<Void> send(Set<TopicPartition> scope) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (PartitionWorker worker : workers.values()) {
            long offset = worker.commitCandidate();
            if (offset >= 0 && (scope == null || scope.contains(worker.partition()))) {
                offsets.put(worker.partition(), offset);
            }
        }
        if (offsets.isEmpty() || !membership.joined()) {
            return Future.succeededFuture();
        }
        JsonArray entries = new JsonArray();
        offsets.forEach((tp, offset) -> entries.add(new JsonObject().put("topic", tp.topic())
                .put("partition", tp.partition()).put("offset", offset)));
        JsonObject body = new JsonObject().put("memberId", membership.memberId())
                .put("memberEpoch", membership.memberEpoch()).put("offsets", entries);
        inFlight = true;
        return client.commit(body).transform(answer -> {
            Future<Void> outcome = settle(answer, offsets);
            inFlight = false;
            if (waiting != null) {
                Promise<Void> next = waiting;
                Set<TopicPartition> nextScope = waitingScope;
                waiting = null;
                waitingScope = null;
                send(nextScope).onComplete(next);
            }
            return outcome;
        });
    }

    private Future<Void> settle(AsyncResult<JsonObject> answer, Map<TopicPartition, Long> offsets) {
        if (answer.failed()) {
            if (answer.cause() instanceof CoordinatorException refused) {
                switch (refused.error()) {
                    case "UNKNOWN_MEMBER" -> losses.memberGone("commit refused: " + refused.getMessage());
                    case "FENCED_MEMBER_EPOCH" -> losses.partitionsLost(offsets.keySet(), "commit fenced");
                    default -> LOG.warn("commit of {} failed: {}", offsets, refused.getMessage());
                }
            } else {
                LOG.warn("commit of {} failed: {}", offsets, answer.cause().toString());
            }
            return Future.failedFuture(answer.cause());
        }
        Set<TopicPartition> fenced = new LinkedHashSet<>();
        boolean memberGone = false;
        JsonArray results = answer.result().getJsonArray("results", new JsonArray());
        for (int i = 0; i < results.size(); i++) {
            JsonObject result = results.getJsonObject(i);
            TopicPartition tp = new TopicPartition(result.getString("topic"), result.getInteger("partition"));
            Long offset = offsets.get(tp);
            switch (result.getString("result", "")) {
                case "OK" -> {
                    PartitionWorker worker = workers.get(tp);
                    if (offset != null && worker != null) {
                        worker.committed(offset);
                    }
                }
                case "FENCED" -> fenced.add(tp);
                case "UNKNOWN_MEMBER" -> memberGone = true;
                default -> LOG.warn("commit of {} answered {}", tp, result.encode());
            }
        }
        if (memberGone) {
            losses.memberGone("commit answered UNKNOWN_MEMBER");
            return Future.failedFuture(new CoordinatorException(200, "UNKNOWN_MEMBER", "the member is no longer in the group"));
        }
        if (!fenced.isEmpty()) {
            losses.partitionsLost(fenced, "commit fenced");
            return Future.failedFuture(new CoordinatorException(200, "FENCED", "not committed, no longer owned: " + fenced));
        }
        return Future.succeededFuture();
    }
}
