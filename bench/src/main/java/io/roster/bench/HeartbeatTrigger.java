package io.roster.bench;

/** Why a simulated member sent a heartbeat. */
enum HeartbeatTrigger {
    /** Its first heartbeat: epoch 0, no member id. */
    JOIN("join"),
    /** Its push socket just opened: a notice sent while it connected would be lost. */
    SOCKET_OPEN("socket open"),
    /** A push notice: its assignment changed. */
    PUSH("push notice"),
    /** It was told to revoke partitions and reports them released at once. */
    RELEASE("release"),
    /** Its regular heartbeat interval ran out. */
    INTERVAL("interval");

    private final String label;

    HeartbeatTrigger(String label) {
        this.label = label;
    }

    /** For reports. */
    String label() {
        return label;
    }
}
