package io.roster.coordinator.group;

/**
 * A request the group cannot accept. Thrown before anything changes; the boundary maps
 * {@link #error()} to the wire.
 */
public class GroupProtocolException extends RuntimeException {

    private final GroupError error;

    public GroupProtocolException(GroupError error, String message) {
        super(message);
        this.error = error;
    }

    public GroupError error() {
        return error;
    }
}
