package io.roster.assignor;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The assignors a coordinator can choose from, by name. Immutable. */
public final class AssignorRegistry {

    /** The assignor a group uses unless it names another. */
    public static final String DEFAULT_ASSIGNOR = UniformAssignor.NAME;

    private final Map<String, Assignor> byName;

    private AssignorRegistry(Map<String, Assignor> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** {@code uniform}, {@code range} and {@code round-robin}. */
    public static AssignorRegistry withDefaults() {
        return of(List.of(new UniformAssignor(), new RangeAssignor(), new RoundRobinAssignor()));
    }

    public static AssignorRegistry of(Collection<? extends Assignor> assignors) {
        Map<String, Assignor> byName = new LinkedHashMap<>();
        for (Assignor assignor : assignors) {
            if (byName.putIfAbsent(assignor.name(), assignor) != null) {
                throw new IllegalArgumentException("two assignors are named '" + assignor.name() + "'");
            }
        }
        return new AssignorRegistry(byName);
    }

    /**
     * @throws IllegalArgumentException naming the known assignors when there is none by that name
     */
    public Assignor get(String name) {
        Assignor assignor = byName.get(name);
        if (assignor == null) {
            throw new IllegalArgumentException("unknown assignor '" + name + "'; known: " + byName.keySet());
        }
        return assignor;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
