package io.roster.bench;

/**
 * An assignor with its input, all built before measuring: {@link #assign()} is exactly the
 * assignor's {@code assign(...)} call and nothing else.
 *
 * @param <A> the side's assignment type
 */
@FunctionalInterface
public interface PreparedCall<A> {
    A assign();
}
