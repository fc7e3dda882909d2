package io.roster.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One contender's side of a measured group: how its consumers are built, how a fresh group is
 * prepared, and what its coordinator says about the group. Called from the harness thread;
 * every call to a coordinator is bounded.
 */
interface ProtocolDriver {

    RebalanceContender contender();

    /** Sets up a group that has no member yet (dynamic group configs, ...). */
    void prepare(String groupId);

    /**
     * A consumer of {@code groupId}, built but not started. {@code victim}: it will be killed,
     * so it must be able to stop without leaving the group.
     */
    GroupConsumer consumer(int id, String groupId, boolean victim, ProcessingLedger.Recorder recorder);

    /**
     * Where the coordinator's view of the group differs from {@code ownedByMember} (member id to
     * the partitions it owns): other members, other assignments, a rebalance under way. Empty
     * when they agree.
     */
    List<String> disagreements(String groupId, Map<String, Set<Integer>> ownedByMember);

    /** The member ids the coordinator lists for the group now. */
    Set<String> listedMembers(String groupId);
}
