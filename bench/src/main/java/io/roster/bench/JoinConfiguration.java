package io.roster.bench;

/**
 * One way of running the measurement.
 *
 * @param nodes  coordinator nodes (each on its own Hazelcast member of one cluster)
 * @param push   whether members open the push channel; without it they learn of changes
 *               only from their regular heartbeats
 * @param warmup untimed joins before the measured ones
 * @param runs   measured joins
 */
record JoinConfiguration(String name, int nodes, boolean push, int warmup, int runs) {

    /**
     * Member {@code index} heartbeats to node {@code index % nodes} and keeps its push socket
     * on the next node, so that with several nodes every notice crosses nodes.
     */
    MemberRoute route(int index, CoordinatorCluster cluster) {
        int heartbeatNode = index % nodes;
        int pushNode = (index + 1) % nodes;
        return new MemberRoute(cluster.httpPort(heartbeatNode), push ? cluster.httpPort(pushNode) : 0);
    }

    /** For group ids: lower case, no spaces. */
    String slug() {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
