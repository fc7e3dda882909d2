package io.roster.client.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.client.CoordinatorException;
import io.roster.client.FailurePolicy;
import io.roster.client.RetryPolicy;
import io.roster.client.RosterConsumerConfig;
import io.roster.client.internal.FakeCoordinator.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commits of a joined member ({@code m-1} at epoch 7) against a scripted coordinator over real
 * HTTP. The owned partitions are real {@link PartitionWorker}s; everything runs on the context.
 */
class OffsetCommitterTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);
    private static final TopicPartition P2 = new TopicPartition("orders", 2);
    private static final String COMMIT = "offsets/commit";

    /** A loss the committer reported: lost partitions, or (null) the whole member. */
    private record Loss(Set<TopicPartition> partitions, String reason) {
    }

    @RegisterExtension
    final TestVertx vertx = new TestVertx();
    private final Map<TopicPartition, PartitionWorker> workers = new LinkedHashMap<>();
    private final Map<TopicPartition, FakePartitionServices> services = new HashMap<>();
    private final List<Loss> losses = new CopyOnWriteArrayList<>();
    private FakeCoordinator coordinator;
    private RosterConsumerConfig config;
    private CoordinatorClient client;
    private Membership membership;
    private OffsetCommitter committer;

    @BeforeEach
    void joined() {
        coordinator = FakeCoordinator.start(vertx.vertx());
        config = RosterConsumerConfig.builder().coordinators(coordinator.address()).groupId("orders-app")
                .topics("orders").kafkaProperty("bootstrap.servers", "127.0.0.1:9").build();
        client = new CoordinatorClient(vertx.vertx(), config.coordinators(), config.groupId(), config.requestTimeout());
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 7, Set.of(P0, P1, P2), Set.of()));
        coordinator.answer(COMMIT, OffsetCommitterTest::allOk);
        membership = membership();
        committer = committer(membership);
        Await.result(vertx.onContext(membership::start));
    }

    @AfterEach
    void stopHeartbeating() {
        vertx.onContext(membership::stop);
    }

    private Membership membership() {
        return new Membership(vertx.vertx(), client, config, new FakeReconciler(true));
    }

    private OffsetCommitter committer(Membership member) {
        return new OffsetCommitter(client, member, workers, new OffsetCommitter.Losses() {
            @Override
            public void partitionsLost(Set<TopicPartition> partitions, String reason) {
                losses.add(new Loss(Set.copyOf(partitions), reason));
            }

            @Override
            public void memberGone(String reason) {
                losses.add(new Loss(null, reason));
            }
        });
    }

    /** Every offset of the commit {@code OK}. */
    private static Reply allOk(JsonObject commit) {
        return results(commit, offset -> "OK");
    }

    /** A 200 answer giving each offset of {@code commit} the result {@code judge} says. */
    private static Reply results(JsonObject commit, Function<JsonObject, String> judge) {
        JsonArray results = new JsonArray();
        commit.getJsonArray("offsets").forEach(entry -> {
            JsonObject offset = (JsonObject) entry;
            results.add(new JsonObject().put("topic", offset.getString("topic"))
                    .put("partition", offset.getInteger("partition")).put("result", judge.apply(offset)));
        });
        return Reply.ok(new JsonObject().put("results", results));
    }

    /** An owned partition positioned at {@code position}, with {@code committed} last committed. */
    private void owned(TopicPartition partition, long position, long committed) {
        vertx.onContext(() -> {
            FakePartitionServices fake = new FakePartitionServices(RetryPolicy.defaults(), FailurePolicy.stop(), 500);
            PartitionWorker worker = new PartitionWorker(partition, fake);
            worker.started(position, committed);
            services.put(partition, fake);
            workers.put(partition, worker);
        });
    }

    /** P0 processed up to 10 and committed at 5; P1 processed up to 21 and committed at 20. */
    private void ownedWithSomethingNew() {
        owned(P0, 10, 5);
        owned(P1, 21, 20);
    }

    /** The application processes the record at {@code offset} of {@code partition}. */
    private void processed(TopicPartition partition, long offset) {
        vertx.onContext(() -> {
            workers.get(partition).offer(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                    new byte[0], new byte[0]), new FetchBatch(1, () -> { }));
            services.get(partition).succeed(offset);
        });
    }

    private Future<Void> commit(Set<TopicPartition> scope) {
        return vertx.onContext(() -> committer.commit(scope));
    }

    /** Commits every partition; the coordinator answers with {@code answer}; gives the failure. */
    private CoordinatorException refusedCommit(Function<JsonObject, Reply> answer) {
        coordinator.answer(COMMIT, answer);
        return assertInstanceOf(CoordinatorException.class, Await.failure(commit(null)));
    }

    private long committedOffset(TopicPartition partition) {
        return vertx.onContext(() -> workers.get(partition).progress().committedOffset());
    }

    private static JsonObject offset(TopicPartition partition, long offset) {
        return new JsonObject().put("topic", partition.topic()).put("partition", partition.partition())
                .put("offset", offset);
    }

    private JsonArray committedInRequest(int index) {
        return coordinator.requests(COMMIT).get(index).body().getJsonArray("offsets");
    }

    @Test
    void aCommitCarriesTheMemberAndEpochAndOnlyPartitionsWithSomethingNew() {
        owned(P0, 10, 5);
        owned(P1, 20, 20);
        owned(P2, 30, 30);
        vertx.onContext(() -> workers.put(new TopicPartition("orders", 3),
                new PartitionWorker(new TopicPartition("orders", 3), services.get(P0)))); // not started yet

        Await.result(commit(null));

        assertEquals(new JsonObject().put("memberId", "m-1").put("memberEpoch", 7)
                .put("offsets", new JsonArray().add(offset(P0, 10))), coordinator.requests(COMMIT).get(0).body());
        assertEquals(10, committedOffset(P0));
        assertEquals(-1L, (long) vertx.onContext(() -> workers.get(P0).commitCandidate()), "nothing new any more");
        Await.result(commit(null));
        assertEquals(1, coordinator.requests(COMMIT).size(), "nothing to commit, nothing sent");
    }

    @Test
    void aScopeLimitsTheCommitToItsPartitions() {
        ownedWithSomethingNew();

        Await.result(commit(Set.of(P1)));

        assertEquals(new JsonArray().add(offset(P1, 21)), committedInRequest(0));
        assertEquals(5, committedOffset(P0));
        assertEquals(21, committedOffset(P1));
    }

    @Test
    void nothingIsSentBeforeTheMemberHasJoined() {
        owned(P0, 10, 5);
        committer = committer(membership());

        Await.result(commit(null));

        assertEquals(List.of(), coordinator.requests(COMMIT));
    }

    @Test
    void commitsAskedForWhileOneIsInFlightWaitAndThenGoOutAsOne() {
        owned(P0, 10, 5);
        owned(P1, 20, 20);
        owned(P2, 30, 30);
        coordinator.hold(COMMIT);
        Future<Void> first = commit(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.heldCount() == 1);

        processed(P1, 20);
        processed(P2, 30);
        Future<Void> second = commit(Set.of(P1));
        Future<Void> third = commit(Set.of(P2));
        assertFalse(second.isComplete());
        coordinator.release();
        await().failFast("more than one commit after the first", () -> coordinator.requests(COMMIT).size() > 2)
                .atMost(Duration.ofSeconds(10)).until(() -> coordinator.heldCount() == 1);
        coordinator.release();

        Await.result(first);
        Await.result(second);
        Await.result(third);
        assertEquals(2, coordinator.requests(COMMIT).size());
        assertEquals(new JsonArray().add(offset(P0, 10)), committedInRequest(0));
        assertEquals(new JsonArray().add(offset(P1, 21)).add(offset(P2, 31)), committedInRequest(1));
        assertEquals(1, coordinator.mostUnanswered(COMMIT));
        assertEquals(21, committedOffset(P1));
        assertEquals(31, committedOffset(P2));
    }

    @Test
    void aFencedPartitionIsLostAndTheOthersAreCommitted() {
        ownedWithSomethingNew();

        CoordinatorException failure = refusedCommit(commit -> results(commit,
                offset -> offset.getInteger("partition") == 1 ? "FENCED" : "OK"));

        assertEquals("FENCED", failure.error());
        assertEquals(List.of(new Loss(Set.of(P1), "commit fenced")), losses);
        assertEquals(10, committedOffset(P0));
        assertEquals(20, committedOffset(P1));
    }

    @Test
    void aFencedEpochLosesEveryPartitionOfTheCommit() {
        ownedWithSomethingNew();
        owned(P2, 30, 30);

        CoordinatorException failure = refusedCommit(commit -> Reply.error(409, "FENCED_MEMBER_EPOCH"));

        assertEquals(409, failure.status());
        assertEquals(List.of(new Loss(Set.of(P0, P1), "commit fenced")), losses);
        assertEquals(5, committedOffset(P0));
    }

    @Test
    void anUnknownMemberIsGone() {
        owned(P0, 10, 5);

        CoordinatorException failure = refusedCommit(commit -> Reply.error(404, "UNKNOWN_MEMBER"));

        assertEquals(404, failure.status());
        assertEquals(1, losses.size());
        assertNull(losses.get(0).partitions());
        assertTrue(losses.get(0).reason().contains("UNKNOWN_MEMBER"), losses.get(0).reason());
    }

    @Test
    void aPartitionAnsweredUnknownMemberMeansTheMemberIsGone() {
        owned(P0, 10, 5);

        refusedCommit(commit -> results(commit, offset -> "UNKNOWN_MEMBER"));

        assertEquals(List.of(new Loss(null, "commit answered UNKNOWN_MEMBER")), losses);
    }

    @Test
    void aFailedCommitChangesNothingAndTheNextOneSendsTheOffsetAgain() {
        owned(P0, 10, 5);
        refusedCommit(commit -> Reply.error(503, "KAFKA_UNAVAILABLE"));
        coordinator.answer(COMMIT, OffsetCommitterTest::allOk);

        Await.result(commit(null));

        assertEquals(List.of(), losses);
        assertEquals(committedInRequest(0), committedInRequest(1));
        assertEquals(10, committedOffset(P0));
    }

    @Test
    void anAnswerForAPartitionReleasedMeanwhileIsIgnored() {
        owned(P0, 10, 5);
        coordinator.hold(COMMIT);
        Future<Void> commit = commit(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.heldCount() == 1);

        vertx.onContext(() -> workers.remove(P0));
        coordinator.release();

        Await.result(commit);
        assertEquals(List.of(), losses);
    }
}
