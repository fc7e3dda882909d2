package io.roster.bench;

/**
 * How one side's assignor is fed and read: a {@link GroupShape} (plus what each member owns
 * now) becomes that side's own input types, and its result becomes {@link PartitionOwners}.
 *
 * @param <A> the side's assignment type, also what members own before a rebalance
 */
interface AssignorSide<A> {

    /**
     * Builds the input once; the returned call only runs {@code assign}.
     *
     * @param prior what each member owns now, as this side's own earlier result; members of
     *              {@code shape} absent from it own nothing; {@code null} when all own nothing
     */
    PreparedCall<A> prepare(GroupShape shape, A prior);

    /** Reads and checks a result computed for {@code shape}. */
    PartitionOwners read(GroupShape shape, A result);
}
