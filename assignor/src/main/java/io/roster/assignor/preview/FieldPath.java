package io.roster.assignor.preview;

import com.fasterxml.jackson.databind.node.TextNode;

import java.util.regex.Pattern;

/**
 * Where a value sits in the input document, as error messages name it:
 * {@code members[2].owned.orders[0]}. Names that are not plain identifiers are quoted
 * ({@code owned["orders.v1"]}), so a dot in a topic name cannot be mistaken for nesting.
 */
public record FieldPath(String path) {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    public static FieldPath root() {
        return new FieldPath("");
    }

    public FieldPath field(String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return new FieldPath(path.isEmpty() ? name : path + "." + name);
        }
        return new FieldPath(path + "[" + TextNode.valueOf(name) + "]");
    }

    public FieldPath index(int i) {
        return new FieldPath(path + "[" + i + "]");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? "input" : path;
    }
}
