package io.roster.assignor.preview;

import java.util.List;

/**
 * The preview of one scale event under one or more assignors.
 *
 * @param membersBefore  how many members the group has now
 * @param addedMembers   the ids given to the members that join
 * @param removedMembers the ids of the members that leave
 * @param assignors      one preview per assignor, in the order they were asked for
 */
public record PreviewReport(int membersBefore, List<String> addedMembers, List<String> removedMembers,
                            List<AssignorPreview> assignors) {

    public PreviewReport {
        addedMembers = List.copyOf(addedMembers);
        removedMembers = List.copyOf(removedMembers);
        assignors = List.copyOf(assignors);
    }
}
