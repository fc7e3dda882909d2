package io.roster.bench;

/**
 * One scenario's input for both sides at once, with equal content: the same member ids,
 * topics and subscriptions, and for D each side owning its own stable assignment of B.
 * Building it runs the assignors only to reach that stable assignment; the calls it hands
 * out run nothing but {@code assign}.
 */
public final class ScenarioInputs {

    /** More rounds than any sticky assignor should need to reproduce its own output. */
    private static final int MAX_STABILISING_ROUNDS = 5;

    private final Scenario scenario;
    private final Strategy strategy;
    private final GroupShape shape;
    private final SideInput<?> roster;
    private final SideInput<?> kafka;

    private ScenarioInputs(Scenario scenario, Strategy strategy, GroupShape shape, SideInput<?> roster,
                           SideInput<?> kafka) {
        this.scenario = scenario;
        this.strategy = strategy;
        this.shape = shape;
        this.roster = roster;
        this.kafka = kafka;
    }

    public static ScenarioInputs build(Scenario scenario, Strategy strategy) {
        GroupShape base = GroupShape.base(scenario);
        GroupShape measured = base.changedFor(scenario);
        SideInput<?> roster = SideInput.of(new RosterSide(strategy, base), scenario, base, measured);
        SideInput<?> kafka = SideInput.of(new KafkaSide(strategy, base), scenario, base, measured);
        return new ScenarioInputs(scenario, strategy, measured, roster, kafka);
    }

    public Scenario scenario() {
        return scenario;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** The group whose assignment is measured. */
    public GroupShape shape() {
        return shape;
    }

    /** The measured call of one side; it only runs that side's {@code assign}. */
    public PreparedCall<?> callFor(Side side) {
        return input(side).call;
    }

    /**
     * Runs the side's call once and checks its result.
     *
     * @throws PartitionOwners.InvalidAssignmentException when the result is not a valid assignment
     */
    public Outcome runOnce(Side side) {
        return input(side).runOnce(shape);
    }

    private SideInput<?> input(Side side) {
        return side == Side.ROSTER ? roster : kafka;
    }

    /**
     * What one run of a side gave: its result's owners, its balance, and for a scenario
     * with a change the partitions moved from that side's stable base assignment.
     *
     * @param moved       -1 when the scenario has no prior assignment
     * @param minimumMoved the fewest partitions any balanced result must move: a joiner's
     *                    share (partitions / members, rounded down) or what the leaver
     *                    owned; -1 when the scenario has no prior assignment
     * @param stableAfter reassignments of the base group until its result reproduced itself
     *                    (0: the first result already did, and for scenarios without a base
     *                    assignment), -1 when it did not within a few rounds
     */
    public record Outcome(PartitionOwners owners, int balance, int moved, int minimumMoved, int stableAfter) {
    }

    /** One side's measured call, plus its stable base assignment when the scenario has one. */
    private static final class SideInput<A> {
        private final AssignorSide<A> side;
        private final PreparedCall<A> call;
        private final PartitionOwners prior;
        private final int stableAfter;

        private SideInput(AssignorSide<A> side, PreparedCall<A> call, PartitionOwners prior, int stableAfter) {
            this.side = side;
            this.call = call;
            this.prior = prior;
            this.stableAfter = stableAfter;
        }

        static <A> SideInput<A> of(AssignorSide<A> side, Scenario scenario, GroupShape base, GroupShape measured) {
            if (scenario.change() == Scenario.Change.NONE) {
                return new SideInput<>(side, side.prepare(measured, null), null, 0);
            }
            A stable = side.prepare(base, null).assign();
            PartitionOwners stableOwners = side.read(base, stable);
            int stableAfter = -1;
            for (int round = 0; round < MAX_STABILISING_ROUNDS; round++) {
                A next = side.prepare(base, stable).assign();
                PartitionOwners nextOwners = side.read(base, next);
                if (nextOwners.sameOwnersAs(stableOwners)) {
                    stableAfter = round;
                    break;
                }
                stable = next;
                stableOwners = nextOwners;
            }
            return new SideInput<>(side, side.prepare(measured, stable), stableOwners, stableAfter);
        }

        Outcome runOnce(GroupShape shape) {
            PartitionOwners owners = side.read(shape, call.assign());
            int moved = prior == null ? -1 : owners.movedFrom(prior);
            return new Outcome(owners, owners.balance(), moved, minimumMoved(shape), stableAfter);
        }

        private int minimumMoved(GroupShape shape) {
            if (prior == null) {
                return -1;
            }
            if (shape.memberCount() > prior.shape().memberCount()) {
                return shape.partitionCount() / shape.memberCount();
            }
            int orphaned = 0;
            for (int g = 0; g < shape.partitionCount(); g++) {
                String owner = prior.ownerOf(g);
                if (owner != null && shape.memberIndex(owner) < 0) {
                    orphaned++;
                }
            }
            return orphaned;
        }
    }
}
