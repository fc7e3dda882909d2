package io.roster.assignor.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roster.assignor.TopicPartitionSet;

/**
 * Renders a {@link PreviewReport} as JSON for scripts. A member's {@code partitions} has the
 * shape of a member's {@code owned} in the input, so a result can be fed back as the next
 * state.
 */
public final class JsonReportRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReportRenderer() {
    }

    public static String render(PreviewReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("membersBefore", report.membersBefore());
        report.addedMembers().forEach(root.putArray("addedMembers")::add);
        report.removedMembers().forEach(root.putArray("removedMembers")::add);
        ArrayNode assignors = root.putArray("assignors");
        for (AssignorPreview preview : report.assignors()) {
            assignors.add(assignorNode(preview));
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static ObjectNode assignorNode(AssignorPreview preview) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("assignor", preview.assignor());
        ArrayNode members = node.putArray("members");
        for (MemberAssignment member : preview.members()) {
            ObjectNode m = members.addObject();
            m.put("id", member.memberId());
            m.put("rack", member.rack());
            m.put("count", member.partitions().size());
            m.set("partitions", partitionsNode(member.partitions()));
        }
        ObjectNode summary = node.putObject("summary");
        summary.put("members", preview.members().size());
        summary.put("partitions", preview.partitionCount());
        summary.put("minPerMember", preview.minPerMember());
        summary.put("maxPerMember", preview.maxPerMember());
        summary.put("balance", preview.balance());
        summary.put("moves", preview.moves().size());
        summary.put("forcedMoves", preview.forcedMoves());
        ArrayNode moves = node.putArray("moves");
        for (PartitionMove move : preview.moves()) {
            ObjectNode m = moves.addObject();
            m.put("topic", move.partition().topic());
            m.put("partition", move.partition().partition());
            m.put("from", move.from());
            m.put("to", move.to());
            m.put("ownerLeft", move.ownerLeft());
        }
        return node;
    }

    private static ObjectNode partitionsNode(TopicPartitionSet partitions) {
        ObjectNode node = MAPPER.createObjectNode();
        for (int t = 0; t < partitions.topicCount(); t++) {
            ArrayNode numbers = node.putArray(partitions.topicAt(t));
            for (int i = 0; i < partitions.partitionCountAt(t); i++) {
                numbers.add(partitions.partitionAt(t, i));
            }
        }
        return node;
    }
}
