package io.roster.offsets;

/**
 * A reset or delete was refused because the group still has live members: their commits would race with
 * the change. Nothing was changed.
 */
public final class GroupNotEmptyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String group;
    private final int liveMembers;

    public GroupNotEmptyException(String group, int liveMembers) {
        super("group '" + group + "' has " + liveMembers + " live member" + (liveMembers == 1 ? "" : "s")
                + "; its offsets can be reset or deleted only while it has none");
        this.group = group;
        this.liveMembers = liveMembers;
    }

    public String group() {
        return group;
    }

    public int liveMembers() {
        return liveMembers;
    }
}
