package io.roster.assignor.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the command in-process, on the example files and on inline JSON given as stdin. */
class PreviewCommandTest {

    private static final String SCALE_OUT = Path.of("..", "docs", "examples", "scale-out.json").toString();
    private static final String RACKS = Path.of("..", "docs", "examples", "racks.json").toString();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Result runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = PreviewCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err));
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static Result run(String... args) {
        return runWithStdin("", args);
    }

    /** The lines of the move list that follows "moves: ...". */
    private static List<String> moveLines(Result result) {
        List<String> lines = result.outLines();
        int start = 0;
        while (!lines.get(start).startsWith("moves: ")) {
            start++;
        }
        List<String> moves = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("  "); i++) {
            moves.add(lines.get(i).strip());
        }
        return moves;
    }

    @Test
    void joinOfTwoMembersMovesOnlyTheirShareUnderUniform() {
        Result result = run(SCALE_OUT, "--add-members", "2", "--assignor", "uniform");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        assertEquals(List.of(
                "group: 3 members -> 5 (joining: new-1, new-2)",
                "",
                "== uniform ==",
                "MEMBER  COUNT  PARTITIONS",
                "m1          4  orders[0-1] payments[0-1]",
                "m2          4  orders[4-5] payments[2-3]",
                "m3          4  orders[8-9] payments[4-5]",
                "new-1       3  orders[2,6-7]",
                "new-2       3  orders[3,10-11]",
                "",
                "members: 5   partitions: 18   per member: min 3, max 4   balance: 1",
                "moves: 6 (forced, owner left: 0)",
                "  orders-2: m1 -> new-1",
                "  orders-3: m1 -> new-2",
                "  orders-6: m2 -> new-1",
                "  orders-7: m2 -> new-1",
                "  orders-10: m3 -> new-2",
                "  orders-11: m3 -> new-2"), result.outLines());
    }

    @Test
    void leaveMovesExactlyTheLeaversPartitionsAndCountsThemAsForced() {
        Result result = run(SCALE_OUT, "--remove-member", "m2", "--assignor", "uniform");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("group: 3 members -> 2 (leaving: m2)", result.outLines().get(0));
        assertTrue(result.out().contains("members: 2   partitions: 18   per member: min 9, max 9   balance: 0\n"),
                result.out());
        assertTrue(result.out().contains("moves: 6 (forced, owner left: 6)\n"), result.out());
        assertEquals(List.of(
                "orders-4: m2 -> m1",
                "orders-5: m2 -> m1",
                "orders-6: m2 -> m3",
                "orders-7: m2 -> m3",
                "payments-2: m2 -> m1",
                "payments-3: m2 -> m3"), moveLines(result));
    }

    @Test
    void everyRegisteredAssignorIsPreviewedByDefaultInRegistryOrder() {
        Result result = run(SCALE_OUT, "--add-members", "2");

        assertEquals(0, result.exitCode(), result.err());
        List<String> titles = result.outLines().stream().filter(l -> l.startsWith("== ")).toList();
        assertEquals(List.of("== uniform ==", "== range ==", "== round-robin =="), titles);
        // Range gives the first members by id the remainder of every topic: 3+2 for m1, 2+1 for new-2.
        assertTrue(result.out().contains("per member: min 3, max 5   balance: 2\n"), result.out());
    }

    @Test
    void withoutAScaleEventABalancedGroupMovesNothing() {
        Result result = run(SCALE_OUT, "--assignor", "uniform");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("group: 3 members, no scale event", result.outLines().get(0));
        assertTrue(result.out().contains("moves: 0 (forced, owner left: 0)\n"), result.out());
        assertEquals(List.of(), moveLines(result));
    }

    @Test
    void racksGetAColumnAndNewMembersHaveNone() {
        Result result = run(RACKS, "--add-members", "1", "--assignor", "uniform");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(
                "MEMBER  RACK   COUNT  PARTITIONS",
                "m1      eu-1a      3  clicks[0,3] views[0]",
                "m2      eu-1b      2  clicks[1,4]",
                "m3      eu-1c      2  clicks[2,5]",
                "new-1   -          2  views[1-2]"), result.outLines().subList(3, 8));
    }

    @Test
    void readsStdinForADash() throws Exception {
        Result result = runWithStdin(Files.readString(Path.of(SCALE_OUT)), "-", "--add-members", "1", "--assignor", "range");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("members: 4   partitions: 18"), result.out());
    }

    @Test
    void jsonOutputCarriesTheSameFigures() throws Exception {
        Result result = run(SCALE_OUT, "--add-members", "2", "--remove-member", "m3", "--json");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode root = MAPPER.readTree(result.out());
        assertEquals(3, root.get("membersBefore").intValue());
        assertEquals(List.of("new-1", "new-2"), texts(root.get("addedMembers")));
        assertEquals(List.of("m3"), texts(root.get("removedMembers")));
        assertEquals(List.of("uniform", "range", "round-robin"), root.get("assignors").findValuesAsText("assignor"));

        JsonNode uniform = root.get("assignors").get(0);
        JsonNode summary = uniform.get("summary");
        assertEquals(4, summary.get("members").intValue());
        assertEquals(18, summary.get("partitions").intValue());
        assertEquals(4, summary.get("minPerMember").intValue());
        assertEquals(5, summary.get("maxPerMember").intValue());
        assertEquals(1, summary.get("balance").intValue());
        // m3's six must move; the newcomers need 4 or 5 each, so two more come from m1 and m2.
        assertEquals(8, summary.get("moves").intValue());
        assertEquals(6, summary.get("forcedMoves").intValue());
        assertEquals(8, uniform.get("moves").size());
        JsonNode firstMove = uniform.get("moves").get(0);
        assertEquals("orders", firstMove.get("topic").textValue());
        assertTrue(firstMove.has("partition") && firstMove.has("from") && firstMove.has("to"));
        long forced = 0;
        for (JsonNode move : uniform.get("moves")) {
            assertEquals(move.get("from").textValue().equals("m3"), move.get("ownerLeft").booleanValue());
            forced += move.get("ownerLeft").booleanValue() ? 1 : 0;
        }
        assertEquals(6, forced);

        JsonNode m1 = uniform.get("members").get(0);
        assertEquals("m1", m1.get("id").textValue());
        assertTrue(m1.get("rack").isNull());
        int listed = m1.get("partitions").get("orders").size() + m1.get("partitions").get("payments").size();
        assertEquals(m1.get("count").intValue(), listed);
    }

    @Test
    void jsonResultFedBackAsOwnedPartitionsIsStableUnderUniform() throws Exception {
        Result scaled = run(SCALE_OUT, "--add-members", "2", "--assignor", "uniform", "--json");
        ObjectNode next = (ObjectNode) MAPPER.readTree(Files.readString(Path.of(SCALE_OUT)));
        ArrayNode members = next.putArray("members");
        for (JsonNode member : MAPPER.readTree(scaled.out()).get("assignors").get(0).get("members")) {
            ObjectNode m = members.addObject();
            m.put("id", member.get("id").textValue());
            m.putArray("topics").add("orders").add("payments");
            m.set("owned", member.get("partitions"));
        }

        Result again = runWithStdin(MAPPER.writeValueAsString(next), "-", "--assignor", "uniform", "--json");

        assertEquals(0, again.exitCode(), again.err());
        JsonNode summary = MAPPER.readTree(again.out()).get("assignors").get(0).get("summary");
        assertEquals(0, summary.get("moves").intValue());
        assertEquals(5, summary.get("members").intValue());
    }

    @Test
    void helpIsNotAnError() {
        Result result = run("--help");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("Usage: roster-assignor-preview"), result.out());
        assertTrue(result.out().contains("(uniform, range, round-robin)"), result.out());
    }

    static Stream<Arguments> badInputs() {
        String topic = "{\"name\": \"orders\", \"partitions\": 4}";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"topics\": [}",
                        "error: input: not valid JSON at line 1, column 13: Unexpected close marker '}':"
                                + " expected ']' (for Array starting at line 1, column 12)"),
                Arguments.of("trailing garbage", "{\"topics\": [], \"members\": []} ]",
                        "error: input: not valid JSON at line 1, column 31: Unexpected close marker ']':"
                                + " no open Array to close"),
                Arguments.of("duplicate key", "{\"topics\": [], \"topics\": [], \"members\": []}",
                        "error: input: not valid JSON at line 1, column 24: Duplicate field 'topics'"),
                Arguments.of("empty input", "", "error: input: empty, expected a JSON object"),
                Arguments.of("not an object", "[1, 2]", "error: input: expected an object"),
                Arguments.of("missing topics", "{\"members\": []}", "error: topics: missing"),
                Arguments.of("missing members", "{\"topics\": []}", "error: members: missing"),
                Arguments.of("topics not an array", "{\"topics\": {}, \"members\": []}",
                        "error: topics: expected an array"),
                Arguments.of("topic not an object", "{\"topics\": [\"orders\"], \"members\": []}",
                        "error: topics[0]: expected an object"),
                Arguments.of("missing topic name", "{\"topics\": [{\"partitions\": 1}], \"members\": []}",
                        "error: topics[0].name: missing"),
                Arguments.of("empty topic name", "{\"topics\": [{\"name\": \"\", \"partitions\": 1}], \"members\": []}",
                        "error: topics[0].name: expected a non-empty string"),
                Arguments.of("duplicate topic", "{\"topics\": [" + topic + ", " + topic + "], \"members\": []}",
                        "error: topics[1].name: topic 'orders' is already described by topics[0]"),
                Arguments.of("missing partition count", "{\"topics\": [{\"name\": \"orders\"}], \"members\": []}",
                        "error: topics[0].partitions: missing"),
                Arguments.of("negative partition count",
                        "{\"topics\": [{\"name\": \"orders\", \"partitions\": -3}], \"members\": []}",
                        "error: topics[0].partitions: must not be negative, got -3"),
                Arguments.of("partition count as a string",
                        "{\"topics\": [{\"name\": \"orders\", \"partitions\": \"12\"}], \"members\": []}",
                        "error: topics[0].partitions: expected a non-negative integer"),
                Arguments.of("fractional partition count",
                        "{\"topics\": [{\"name\": \"orders\", \"partitions\": 1.5}], \"members\": []}",
                        "error: topics[0].partitions: expected a non-negative integer"),
                Arguments.of("partition count beyond int",
                        "{\"topics\": [{\"name\": \"orders\", \"partitions\": 3000000000}], \"members\": []}",
                        "error: topics[0].partitions: too large: 3000000000"),
                Arguments.of("racks not one per partition",
                        "{\"topics\": [{\"name\": \"orders\", \"partitions\": 2, \"racks\": [[\"a\"]]}], \"members\": []}",
                        "error: topics[0].racks: expected one entry per partition (2), got 1"),
                Arguments.of("rack not a string",
                        "{\"topics\": [{\"name\": \"orders\", \"partitions\": 1, \"racks\": [[\"a\", 7]]}], \"members\": []}",
                        "error: topics[0].racks[0][1]: expected a non-empty string"),
                Arguments.of("unknown topic field",
                        "{\"topics\": [{\"name\": \"orders\", \"partitions\": 1, \"rack\": []}], \"members\": []}",
                        "error: topics[0].rack: unknown field; expected one of name, partitions, racks"),
                Arguments.of("member not an object", "{\"topics\": [], \"members\": [7]}",
                        "error: members[0]: expected an object"),
                Arguments.of("missing member id", "{\"topics\": [], \"members\": [{\"topics\": []}]}",
                        "error: members[0].id: missing"),
                Arguments.of("member id not a string", "{\"topics\": [], \"members\": [{\"id\": 1, \"topics\": []}]}",
                        "error: members[0].id: expected a non-empty string"),
                Arguments.of("missing subscription", "{\"topics\": [], \"members\": [{\"id\": \"m1\"}]}",
                        "error: members[0].topics: missing"),
                Arguments.of("subscription not an array",
                        "{\"topics\": [], \"members\": [{\"id\": \"m1\", \"topics\": []}, {\"id\": \"m2\", \"topics\": []},"
                                + " {\"id\": \"m3\", \"topics\": \"orders\"}]}",
                        "error: members[2].topics: expected an array of strings"),
                Arguments.of("subscribed topic not a string",
                        "{\"topics\": [], \"members\": [{\"id\": \"m1\", \"topics\": [\"orders\", null]}]}",
                        "error: members[0].topics[1]: expected a non-empty string"),
                Arguments.of("rack not a string", "{\"topics\": [], \"members\": [{\"id\": \"m1\", \"rack\": 3, \"topics\": []}]}",
                        "error: members[0].rack: expected a non-empty string"),
                Arguments.of("instance id not a string",
                        "{\"topics\": [], \"members\": [{\"id\": \"m1\", \"instanceId\": true, \"topics\": []}]}",
                        "error: members[0].instanceId: expected a non-empty string"),
                Arguments.of("duplicate member id",
                        "{\"topics\": [], \"members\": [{\"id\": \"m1\", \"topics\": []}, {\"id\": \"m2\", \"topics\": []},"
                                + " {\"id\": \"m1\", \"topics\": []}]}",
                        "error: members[2].id: member id 'm1' is already used by members[0]"),
                Arguments.of("misspelt member field",
                        "{\"topics\": [], \"members\": [{\"id\": \"m1\", \"topics\": [], \"owend\": {}}]}",
                        "error: members[0].owend: unknown field; expected one of id, instanceId, owned, rack, topics"),
                Arguments.of("owned not an object",
                        "{\"topics\": [" + topic + "], \"members\": [{\"id\": \"m1\", \"topics\": [], \"owned\": [0]}]}",
                        "error: members[0].owned: expected an object"),
                Arguments.of("owned partitions not an array",
                        "{\"topics\": [" + topic + "], \"members\": [{\"id\": \"m1\", \"topics\": [], \"owned\": {\"orders\": 0}}]}",
                        "error: members[0].owned.orders: expected an array of partition numbers"),
                Arguments.of("owned partition negative",
                        "{\"topics\": [" + topic + "], \"members\": [{\"id\": \"m1\", \"topics\": [], \"owned\": {\"orders\": [-1]}}]}",
                        "error: members[0].owned.orders[0]: expected a partition number (an integer, zero or more), got -1"),
                Arguments.of("owned partition that does not exist",
                        "{\"topics\": [" + topic + "], \"members\": [{\"id\": \"m1\", \"topics\": [\"orders\"],"
                                + " \"owned\": {\"orders\": [0, 4]}}]}",
                        "error: members[0].owned.orders[1]: partition 4 does not exist: topic 'orders' has 4 partitions"),
                Arguments.of("owned partition of a topic that does not exist",
                        "{\"topics\": [" + topic + "], \"members\": [{\"id\": \"m1\", \"topics\": [\"orders\"],"
                                + " \"owned\": {\"orders.v2\": [0]}}]}",
                        "error: members[0].owned[\"orders.v2\"]: topic 'orders.v2' is not in topics"),
                Arguments.of("partition owned twice",
                        "{\"topics\": [" + topic + "], \"members\": [{\"id\": \"m1\", \"topics\": [\"orders\"],"
                                + " \"owned\": {\"orders\": [0, 1]}}, {\"id\": \"m2\", \"topics\": [\"orders\"],"
                                + " \"owned\": {\"orders\": [2, 1]}}]}",
                        "error: members[1].owned.orders[1]: partition orders-1 is also owned by member 'm1'"),
                Arguments.of("partition listed twice by one member",
                        "{\"topics\": [" + topic + "], \"members\": [{\"id\": \"m1\", \"topics\": [\"orders\"],"
                                + " \"owned\": {\"orders\": [3, 3]}}]}",
                        "error: members[0].owned.orders[1]: partition orders-3 is listed twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badDocumentIsOneErrorLineAndExitTwo(String name, String json, String expectedError) {
        assertBadInput(runWithStdin(json, "-"), expectedError);
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("file that does not exist", new String[] {"no-such-file.json"},
                        "error: FILE 'no-such-file.json': no such file"),
                Arguments.of("directory as file", new String[] {"."}, "error: FILE '.': cannot read: Is a directory"),
                Arguments.of("no file", new String[] {}, "error: Missing required parameter: 'FILE'"),
                Arguments.of("unknown assignor", new String[] {SCALE_OUT, "--assignor", "uniform", "--assignor", "sticky"},
                        "error: --assignor: unknown assignor 'sticky'; known: uniform, range, round-robin"),
                Arguments.of("unknown member to remove", new String[] {SCALE_OUT, "--remove-member", "m9"},
                        "error: --remove-member: no member 'm9' in the group"),
                Arguments.of("negative member count", new String[] {SCALE_OUT, "--add-members", "-1"},
                        "error: --add-members: must not be negative, got -1"),
                Arguments.of("member count not a number", new String[] {SCALE_OUT, "--add-members", "two"},
                        "error: Invalid value for option '--add-members': 'two' is not an int"),
                Arguments.of("unknown option", new String[] {SCALE_OUT, "--dry-run"}, "error: Unknown option: '--dry-run'"),
                Arguments.of("second file", new String[] {SCALE_OUT, RACKS},
                        "error: Unmatched argument at index 1: '" + RACKS + "'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void badArgumentIsOneErrorLineAndExitTwo(String name, String[] args, String expectedError) {
        assertBadInput(run(args), expectedError);
    }

    private static void assertBadInput(Result result, String expectedError) {
        assertEquals(2, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertEquals(expectedError + "\n", result.err());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.textValue()));
        return texts;
    }
}
