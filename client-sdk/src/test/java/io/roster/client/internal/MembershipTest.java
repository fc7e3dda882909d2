package io.roster.client.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.client.CoordinatorException;
import io.roster.client.RosterConsumerConfig;
import io.roster.client.internal.FakeCoordinator.Reply;
import io.roster.client.internal.FakeCoordinator.Request;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The member's side of the protocol against a scripted coordinator over real HTTP and a real
 * push WebSocket. Heartbeat answers carry a one-minute interval, so every heartbeat after the
 * join comes from something the test did (or from the push channel opening, which the
 * protocol asks for).
 */
class MembershipTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TestVertx vertx = new TestVertx();
    private FakeCoordinator coordinator;
    private FakeReconciler reconciler;
    private Membership membership;

    @BeforeEach
    void startCoordinator() {
        coordinator = FakeCoordinator.start(vertx.vertx());
    }

    @AfterEach
    void stopHeartbeating() {
        if (membership != null) {
            vertx.onContext(membership::stop);
        }
    }

    private RosterConsumerConfig.Builder config() {
        return RosterConsumerConfig.builder().coordinators(coordinator.address()).groupId("orders-app")
                .topics("orders", "audit").kafkaProperty("bootstrap.servers", "127.0.0.1:9");
    }

    private Future<Void> start(RosterConsumerConfig config, boolean releaseAtOnce) {
        reconciler = new FakeReconciler(releaseAtOnce);
        CoordinatorClient client = new CoordinatorClient(vertx.vertx(), config.coordinators(), config.groupId(),
                config.requestTimeout());
        membership = new Membership(vertx.vertx(), client, config, reconciler);
        return vertx.onContext(membership::start);
    }

    /** Joins as {@code m-1}, then waits for the heartbeat that follows the push channel opening. */
    private void joinedWithPushOpen(boolean releaseAtOnce) {
        Await.result(start(config().build(), releaseAtOnce));
        awaitHeartbeats(2);
        assertEquals(List.of("m-1"), coordinator.pushOpened());
    }

    private List<Request> heartbeats() {
        return coordinator.requests("heartbeat");
    }

    private JsonObject heartbeat(int index) {
        return heartbeats().get(index).body();
    }

    private void awaitHeartbeats(int count) {
        await().atMost(WAIT).until(() -> heartbeats().size() >= count);
    }

    private String memberId() {
        return vertx.onContext(membership::memberId);
    }

    private static JsonArray partitions(TopicPartition... partitions) {
        return PartitionJson.toJson(Set.of(partitions));
    }

    @Test
    void theJoinSendsSubscriptionInstanceAndRackAndNoMemberId() {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0, P1), Set.of()));

        Await.result(start(config().instanceId("app-1").rack("rack-a").build(), true));

        JsonObject join = heartbeat(0);
        assertEquals("", join.getString("memberId", ""));
        assertEquals(0, join.getInteger("memberEpoch"));
        assertEquals(new JsonArray().add("orders").add("audit"), join.getJsonArray("subscribedTopics"));
        assertEquals("app-1", join.getString("instanceId"));
        assertEquals("rack-a", join.getString("rack"));
        assertEquals("m-1", memberId());
        assertEquals(Set.of(P0, P1), reconciler.owned());
    }

    @Test
    void laterHeartbeatsSendTheMemberAndItsOwnedPartitionsOnly() {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0, P1), Set.of()));

        joinedWithPushOpen(true);

        JsonObject next = heartbeat(1);
        assertEquals("m-1", next.getString("memberId"));
        assertEquals(1, next.getInteger("memberEpoch"));
        assertEquals(partitions(P0, P1), next.getJsonArray("ownedPartitions"));
        assertFalse(next.containsKey("subscribedTopics"), "absent: unchanged");
        assertFalse(next.containsKey("instanceId"));
        assertFalse(next.containsKey("rack"));
    }

    @Test
    void aRevocationIsFollowedByAHeartbeatOnceTheReleaseIsDone() {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0, P1), Set.of()),
                Reply.heartbeat("m-1", 1, Set.of(P0), Set.of(P1)), Reply.heartbeat("m-1", 2, Set.of(P0), Set.of()));
        joinedWithPushOpen(false);
        await().atMost(WAIT).until(() -> reconciler.revocations().equals(List.of(Set.of(P1))));
        assertEquals(2, heartbeats().size(), "no heartbeat while the release runs");

        vertx.onContext(reconciler::finishReleases);

        awaitHeartbeats(3);
        JsonObject released = heartbeat(2);
        assertEquals(partitions(P0), released.getJsonArray("ownedPartitions"));
        assertEquals(1, released.getInteger("memberEpoch"), "the epoch stays while revoking");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"404, UNKNOWN_MEMBER", "409, FENCED_MEMBER_EPOCH"})
    void aMemberTheCoordinatorNoLongerKnowsLosesEverythingAndJoinsAgain(int status, String error) {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0, P1), Set.of()),
                Reply.error(status, error), Reply.heartbeat("m-2", 3, Set.of(P1), Set.of()));

        Await.result(start(config().build(), true));
        await().atMost(WAIT).until(() -> "m-2".equals(memberId()));

        assertEquals(List.of(error), reconciler.losses());
        assertEquals("m-1", heartbeat(1).getString("memberId"), "the heartbeat after the push channel opened");
        JsonObject join = heartbeat(2);
        assertEquals("", join.getString("memberId", ""));
        assertEquals(0, join.getInteger("memberEpoch"));
        assertEquals(new JsonArray().add("orders").add("audit"), join.getJsonArray("subscribedTopics"));
        assertEquals(new JsonArray(), join.getJsonArray("ownedPartitions"));
        assertEquals(Set.of(P1), reconciler.owned());
        await().atMost(WAIT).until(() -> coordinator.pushOpened().equals(List.of("m-1", "m-2")));
        // A fenced member leaves under its old id, so that its partitions move at once.
        List<JsonObject> expectedLeaves = error.equals("FENCED_MEMBER_EPOCH")
                ? List.of(new JsonObject().put("memberId", "m-1").put("temporary", false)) : List.of();
        await().atMost(WAIT).until(() -> coordinator.requests("leave").stream().map(Request::body).toList()
                .equals(expectedLeaves));
    }

    @Test
    void anInvalidRequestRefusesTheMemberAndFailsTheStart() {
        coordinator.answerInTurn("heartbeat", Reply.error(400, "INVALID_REQUEST"));

        Throwable failure = Await.failure(start(config().build(), true));

        CoordinatorException refused = assertInstanceOf(CoordinatorException.class, failure);
        assertEquals(400, refused.status());
        assertEquals("INVALID_REQUEST", refused.error());
        assertEquals("INVALID_REQUEST", reconciler.refusals().get(0).error());
        assertEquals(List.of(), reconciler.losses());
        assertEquals("", memberId());
    }

    @Test
    void aPushNoticeIsAnsweredByAHeartbeatAtOnce() {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0), Set.of()));
        joinedWithPushOpen(true);

        coordinator.push("m-1");
        awaitHeartbeats(3);
        coordinator.push("m-1");
        awaitHeartbeats(4);

        assertEquals("m-1", heartbeat(3).getString("memberId"));
    }

    @Test
    void neverTwoHeartbeatsInFlightHoweverManyNoticesCome() {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0), Set.of()));
        joinedWithPushOpen(true);
        coordinator.delay("heartbeat", 50);

        for (int round = 1; round <= 3; round++) {
            int before = heartbeats().size();
            for (int notice = 0; notice < 10; notice++) {
                coordinator.push("m-1");
            }
            // Each burst brings a heartbeat; notices that come while one is in flight ask for one more after it.
            await().atMost(WAIT).until(() -> heartbeats().size() > before);
        }

        assertEquals(1, coordinator.mostUnanswered("heartbeat"));
    }

    @Test
    void noAnswerForASessionTimeoutLosesThePartitionsButKeepsTheMember() {
        JsonObject join = Reply.heartbeatBody("m-1", 1, Set.of(P0), Set.of()).put("heartbeatIntervalMs", 50)
                .put("sessionTimeoutMs", 300);
        coordinator.answerInTurn("heartbeat", Reply.ok(join), Reply.error(503, "KAFKA_UNAVAILABLE"));
        Await.result(start(config().build(), true));

        await().atMost(WAIT).until(() -> !reconciler.losses().isEmpty());

        assertEquals(List.of("no coordinator answered for 300 ms"), reconciler.losses());
        assertEquals(List.of(), reconciler.refusals(), "a 503 is not a refusal");
        assertEquals("m-1", memberId());
        assertTrue(heartbeats().stream().skip(1).allMatch(request -> "m-1".equals(request.body().getString("memberId"))));
    }

    @Test
    void aStaticMemberLeavesTemporarily() {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0), Set.of()));
        coordinator.answer("leave", body -> Reply.ok(body.copy().put("left", true)));
        Await.result(start(config().instanceId("app-1").build(), true));

        Await.result(vertx.onContext(membership::leave));

        assertEquals(List.of(new JsonObject().put("memberId", "m-1").put("temporary", true)),
                coordinator.requests("leave").stream().map(Request::body).toList());
    }

    /**
     * Joins as {@code m-1} with every heartbeat answer held until the test releases it, and
     * answers the join and the heartbeat that follows the push channel opening. Then the member
     * is idle: its next heartbeat is a minute away.
     */
    private void joinedAnsweringOneByOne() {
        coordinator.hold("heartbeat");
        Future<Void> started = start(config().build(), true);
        answerHeldHeartbeat();
        Await.result(started);
        answerHeldHeartbeat();
        await().atMost(WAIT).until(() -> reconciler.answers() == 2);
    }

    private void answerHeldHeartbeat() {
        await().atMost(WAIT).until(() -> coordinator.heldCount() == 1);
        coordinator.release();
    }

    /** Asks for a heartbeat, then for another while the first is in flight; gives the heartbeats started before. */
    private int heartbeatTwiceInARow() {
        return vertx.onContext(() -> {
            int before = reconciler.ownedReads();
            membership.heartbeatNow();
            membership.heartbeatNow();
            return before;
        });
    }

    @Test
    void aRevocationReleasedAtOnceWhileAHeartbeatIsWantedStillSendsOneAtATime() {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0, P1), Set.of()),
                Reply.heartbeat("m-1", 1, Set.of(P0, P1), Set.of()), Reply.heartbeat("m-1", 1, Set.of(P0), Set.of(P1)),
                Reply.heartbeat("m-1", 2, Set.of(P0), Set.of()));
        joinedAnsweringOneByOne();
        int before = heartbeatTwiceInARow();

        answerHeldHeartbeat(); // its answer revokes P1, released at once: the member heartbeats again
        await().atMost(WAIT).until(() -> reconciler.answers() == 3);

        assertEquals(before + 2, vertx.onContext(reconciler::ownedReads),
                "the one asked for, then the one after the release; the second one asked for waits for its answer");
        answerHeldHeartbeat();
        answerHeldHeartbeat();
        await().atMost(WAIT).until(() -> reconciler.answers() == 5);
        assertEquals(1, coordinator.mostUnanswered("heartbeat"));
        assertEquals(partitions(P0), heartbeat(3).getJsonArray("ownedPartitions"));
    }

    @Test
    void aRejoinWhileAHeartbeatIsWantedSendsOneJoin() {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0), Set.of()),
                Reply.heartbeat("m-1", 1, Set.of(P0), Set.of()), Reply.error(404, "UNKNOWN_MEMBER"),
                Reply.heartbeat("m-2", 3, Set.of(P0), Set.of()));
        joinedAnsweringOneByOne();
        int before = heartbeatTwiceInARow();

        answerHeldHeartbeat(); // UNKNOWN_MEMBER: the member joins again
        await().atMost(WAIT).until(() -> reconciler.losses().size() == 1);

        assertEquals(before + 2, vertx.onContext(reconciler::ownedReads),
                "the one asked for, then one join; two joins in flight would make two members");
        answerHeldHeartbeat();
        await().atMost(WAIT).until(() -> "m-2".equals(memberId()));
        assertEquals(1, heartbeats().stream().skip(1).filter(request -> request.body().getString("memberId").isEmpty())
                .count());
    }

    @Test
    void afterARejoinTheMemberHeartbeatsAtTheAnsweredIntervalOnly() {
        coordinator.answerInTurn("heartbeat", Reply.heartbeat("m-1", 1, Set.of(P0), Set.of()),
                Reply.error(404, "UNKNOWN_MEMBER"), Reply.heartbeat("m-2", 3, Set.of(P0), Set.of()));
        Await.result(start(config().build(), true));
        // The join, the heartbeat once the push channel opened (refused), the join again, the
        // heartbeat once the new push channel opened.
        await().atMost(WAIT).until(() -> coordinator.pushOpened().equals(List.of("m-1", "m-2"))
                && heartbeats().size() == 4);

        // Nothing else asks for a heartbeat for a minute: a retry timer left from the refused
        // heartbeat would send one within half a second.
        await().failFast("a heartbeat nobody asked for", () -> heartbeats().size() > 4)
                .during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> heartbeats().size() == 4);
    }
}
