package io.roster.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.client.CoordinatorException;
import io.roster.client.internal.FakeCoordinator.Reply;
import io.roster.client.internal.FakeCoordinator.Request;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client against fake coordinator nodes over real HTTP; every request starts on a Vert.x context. */
class CoordinatorClientTest {

    private static final JsonObject HEARTBEAT = new JsonObject().put("memberId", "m-1").put("memberEpoch", 3);
    private static final JsonObject ANSWER = new JsonObject().put("memberId", "m-1").put("memberEpoch", 4);

    @RegisterExtension
    final TestVertx vertx = new TestVertx();

    private CoordinatorClient client(String groupId, Duration requestTimeout, String... addresses) {
        List<URI> nodes = Arrays.stream(addresses).map(address -> URI.create("http://" + address)).toList();
        return new CoordinatorClient(vertx.vertx(), nodes, groupId, requestTimeout);
    }

    private CoordinatorClient client(String... addresses) {
        return client("orders-app", Duration.ofSeconds(5), addresses);
    }

    private JsonObject call(CoordinatorClient client, Function<CoordinatorClient, Future<JsonObject>> request) {
        return Await.result(vertx.onContext(() -> request.apply(client)));
    }

    private CoordinatorException refusal(CoordinatorClient client,
                                         Function<CoordinatorClient, Future<JsonObject>> request) {
        Throwable failure = Await.failure(vertx.onContext(() -> request.apply(client)));
        if (failure instanceof CoordinatorException refused) {
            return refused;
        }
        throw new AssertionError("expected a CoordinatorException, got " + failure, failure);
    }

    /** A loopback port that nothing listens on (it was free a moment ago). */
    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eachCallGoesToItsEndpointWithItsBody() {
        FakeCoordinator node = FakeCoordinator.start(vertx.vertx());
        for (String endpoint : List.of("heartbeat", "leave", "offsets/commit", "offsets")) {
            node.answer(endpoint, body -> Reply.ok(new JsonObject().put("endpoint", endpoint)));
        }
        CoordinatorClient client = client(node.address());
        JsonObject leave = new JsonObject().put("memberId", "m-1").put("temporary", false);
        JsonObject commit = new JsonObject().put("memberId", "m-1").put("memberEpoch", 3).put("offsets", List.of());

        assertEquals("heartbeat", call(client, c -> c.heartbeat(HEARTBEAT)).getString("endpoint"));
        assertEquals("leave", call(client, c -> c.leave(leave)).getString("endpoint"));
        assertEquals("offsets/commit", call(client, c -> c.commit(commit)).getString("endpoint"));
        assertEquals("offsets", call(client, CoordinatorClient::committedOffsets).getString("endpoint"));

        assertEquals(List.of(new Request("POST", "/v1/groups/orders-app/heartbeat", HEARTBEAT)), node.requests("heartbeat"));
        assertEquals(List.of(new Request("POST", "/v1/groups/orders-app/leave", leave)), node.requests("leave"));
        assertEquals(List.of(new Request("POST", "/v1/groups/orders-app/offsets/commit", commit)),
                node.requests("offsets/commit"));
        assertEquals(List.of(new Request("GET", "/v1/groups/orders-app/offsets", null)), node.requests("offsets"));
    }

    @Test
    void theGroupIdIsEncodedInThePath() {
        FakeCoordinator node = FakeCoordinator.start(vertx.vertx());
        node.answer("heartbeat", body -> Reply.ok(ANSWER));

        call(client("orders app/eu+1", Duration.ofSeconds(5), node.address()), c -> c.heartbeat(HEARTBEAT));

        assertEquals("/v1/groups/orders%20app%2Feu%2B1/heartbeat", node.requests("heartbeat").get(0).path());
    }

    @Test
    void anEmptyAnswerIsAnEmptyObject() {
        FakeCoordinator node = FakeCoordinator.start(vertx.vertx());
        node.answer("heartbeat", body -> new Reply(200, ""));

        assertEquals(new JsonObject(), call(client(node.address()), c -> c.heartbeat(HEARTBEAT)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"400, INVALID_REQUEST", "404, UNKNOWN_MEMBER", "409, FENCED_MEMBER_EPOCH", "503, KAFKA_UNAVAILABLE",
            "500, INTERNAL_ERROR"})
    void anErrorAnswerIsACoordinatorExceptionAndChangesNothingElse(int status, String error) {
        FakeCoordinator first = FakeCoordinator.start(vertx.vertx());
        FakeCoordinator second = FakeCoordinator.start(vertx.vertx());
        first.answer("heartbeat", body -> Reply.error(status, error));
        second.answer("heartbeat", body -> Reply.ok(ANSWER));
        CoordinatorClient client = client(first.address(), second.address());

        CoordinatorException refused = refusal(client, c -> c.heartbeat(HEARTBEAT));

        assertEquals(status, refused.status());
        assertEquals(error, refused.error());
        assertTrue(refused.getMessage().contains("scripted " + error), refused.getMessage());
        assertEquals(1, first.requests("heartbeat").size(), "an answer is not retried");
        assertEquals(0, second.requests("heartbeat").size(), "an answer is not a reason to fail over");
        assertEquals(URI.create("http://" + first.address()), client.currentNode());
        assertEquals(error, refusal(client, c -> c.heartbeat(HEARTBEAT)).error());
        assertEquals(2, first.requests("heartbeat").size());
    }

    @Test
    void anErrorAnswerWithoutACodeIsNamedByItsStatus() {
        FakeCoordinator node = FakeCoordinator.start(vertx.vertx());
        node.answer("heartbeat", body -> new Reply(502, "{}"));

        CoordinatorException refused = refusal(client(node.address()), c -> c.heartbeat(HEARTBEAT));

        assertEquals(502, refused.status());
        assertEquals("HTTP_502", refused.error());
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource({"200", "502"})
    void anAnswerThatIsNotJsonIsABadAnswer(int status) {
        FakeCoordinator first = FakeCoordinator.start(vertx.vertx());
        FakeCoordinator second = FakeCoordinator.start(vertx.vertx());
        first.answer("heartbeat", body -> new Reply(status, "<html>proxy error</html>"));
        second.answer("heartbeat", body -> Reply.ok(ANSWER));
        CoordinatorClient client = client(first.address(), second.address());

        CoordinatorException refused = refusal(client, c -> c.heartbeat(HEARTBEAT));

        assertEquals(status, refused.status());
        assertEquals("BAD_ANSWER", refused.error());
        assertTrue(refused.getMessage().contains("<html>proxy error</html>"), refused.getMessage());
        assertEquals(0, second.requests("heartbeat").size());
    }

    @Test
    void aDeadFirstNodeFailsOverToTheSecondWhichThenKeepsTheRequests() {
        int deadPort = deadPort();
        FakeCoordinator second = FakeCoordinator.start(vertx.vertx());
        second.answer("heartbeat", body -> Reply.ok(ANSWER));
        CoordinatorClient client = client("127.0.0.1:" + deadPort, second.address());

        assertEquals(ANSWER, call(client, c -> c.heartbeat(HEARTBEAT)));
        assertEquals(URI.create("http://" + second.address()), client.currentNode());

        // The first node comes back: requests stay with the second one.
        FakeCoordinator first = FakeCoordinator.start(vertx.vertx(), deadPort);
        first.answer("heartbeat", body -> Reply.ok(ANSWER));
        call(client, c -> c.heartbeat(HEARTBEAT));
        call(client, c -> c.heartbeat(HEARTBEAT));

        assertEquals(3, second.requests("heartbeat").size());
        assertEquals(0, first.requests("heartbeat").size());
    }

    @Test
    void aNodeWhoseClusterMemberIsGoneFailsOverAndTheLastNodesAnswerIsKeptWhenAllAreGone() {
        FakeCoordinator orphaned = FakeCoordinator.start(vertx.vertx());
        FakeCoordinator second = FakeCoordinator.start(vertx.vertx());
        orphaned.answer("heartbeat", body -> Reply.error(503, "COORDINATOR_UNAVAILABLE"));
        second.answer("heartbeat", body -> Reply.ok(ANSWER));
        CoordinatorClient client = client(orphaned.address(), second.address());

        assertEquals(ANSWER, call(client, c -> c.heartbeat(HEARTBEAT)));
        assertEquals(URI.create("http://" + second.address()), client.currentNode());

        second.answer("heartbeat", body -> Reply.error(503, "COORDINATOR_UNAVAILABLE"));
        CoordinatorException refused = refusal(client, c -> c.heartbeat(HEARTBEAT));
        assertEquals(503, refused.status());
        assertEquals("COORDINATOR_UNAVAILABLE", refused.error());
        assertEquals(2, orphaned.requests("heartbeat").size(), "each node once per request");
        assertEquals(2, second.requests("heartbeat").size());
    }

    @Test
    void aNodeThatDoesNotAnswerWithinTheRequestTimeoutFailsOver() {
        FakeCoordinator silent = FakeCoordinator.start(vertx.vertx());
        FakeCoordinator second = FakeCoordinator.start(vertx.vertx());
        silent.answer("heartbeat", body -> Reply.ok(ANSWER));
        silent.hold("heartbeat");
        second.answer("heartbeat", body -> Reply.ok(ANSWER));
        CoordinatorClient client = client("orders-app", Duration.ofMillis(300), silent.address(), second.address());

        assertEquals(ANSWER, call(client, c -> c.heartbeat(HEARTBEAT)));

        assertEquals(1, silent.requests("heartbeat").size());
        assertEquals(URI.create("http://" + second.address()), client.currentNode());
    }

    @Test
    void noNodeReachableIsStatusZeroCoordinatorUnavailable() {
        CoordinatorClient client = client("127.0.0.1:" + deadPort(), "127.0.0.1:" + deadPort());

        CoordinatorException refused = refusal(client, c -> c.heartbeat(HEARTBEAT));

        assertEquals(0, refused.status());
        assertEquals("COORDINATOR_UNAVAILABLE", refused.error());
        assertNull(refused.getCause());
    }
}
