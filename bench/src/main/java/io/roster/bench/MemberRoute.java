package io.roster.bench;

/**
 * Which coordinator node a member heartbeats to and which one holds its push socket.
 *
 * @param pushPort 0 for a member without a push channel
 */
record MemberRoute(int heartbeatPort, int pushPort) {

    boolean usesPush() {
        return pushPort != 0;
    }
}
