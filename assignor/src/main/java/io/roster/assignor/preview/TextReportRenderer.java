package io.roster.assignor.preview;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link PreviewReport} as plain text for a terminal: a table and a summary per assignor. */
public final class TextReportRenderer {

    private TextReportRenderer() {
    }

    public static String render(PreviewReport report) {
        StringBuilder out = new StringBuilder();
        out.append(groupLine(report)).append('\n');
        for (AssignorPreview preview : report.assignors()) {
            out.append('\n').append("== ").append(preview.assignor()).append(" ==\n");
            appendMembers(out, preview);
            appendSummary(out, preview);
        }
        return out.toString();
    }

    private static String groupLine(PreviewReport report) {
        int after = report.membersBefore() + report.addedMembers().size() - report.removedMembers().size();
        List<String> changes = new ArrayList<>();
        if (!report.addedMembers().isEmpty()) {
            changes.add("joining: " + String.join(", ", report.addedMembers()));
        }
        if (!report.removedMembers().isEmpty()) {
            changes.add("leaving: " + String.join(", ", report.removedMembers()));
        }
        if (changes.isEmpty()) {
            return "group: " + report.membersBefore() + " members, no scale event";
        }
        return "group: " + report.membersBefore() + " members -> " + after + " (" + String.join("; ", changes) + ")";
    }

    private static void appendMembers(StringBuilder out, AssignorPreview preview) {
        // The rack column only earns its width when some member has a rack.
        boolean racks = preview.members().stream().anyMatch(m -> m.rack() != null);
        TextTable table = racks
                ? new TextTable(new String[] {"MEMBER", "RACK", "COUNT", "PARTITIONS"}, new boolean[] {false, false, true, false})
                : new TextTable(new String[] {"MEMBER", "COUNT", "PARTITIONS"}, new boolean[] {false, true, false});
        for (MemberAssignment member : preview.members()) {
            String count = Integer.toString(member.partitions().size());
            String partitions = member.partitions().isEmpty() ? "-" : CompactPartitions.format(member.partitions());
            if (racks) {
                table.addRow(member.memberId(), member.rack() == null ? "-" : member.rack(), count, partitions);
            } else {
                table.addRow(member.memberId(), count, partitions);
            }
        }
        table.appendTo(out);
    }

    private static void appendSummary(StringBuilder out, AssignorPreview preview) {
        out.append('\n')
                .append("members: ").append(preview.members().size())
                .append("   partitions: ").append(preview.partitionCount())
                .append("   per member: min ").append(preview.minPerMember())
                .append(", max ").append(preview.maxPerMember())
                .append("   balance: ").append(preview.balance()).append('\n');
        out.append("moves: ").append(preview.moves().size())
                .append(" (forced, owner left: ").append(preview.forcedMoves()).append(")\n");
        for (PartitionMove move : preview.moves()) {
            out.append("  ").append(move.partition()).append(": ").append(move.from())
                    .append(" -> ").append(move.to() == null ? "(no member)" : move.to()).append('\n');
        }
    }
}
