package io.roster.assignor.preview;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of one JSON object's fields that fail with the field's path. An optional
 * field may be absent or {@code null}; a required one must be present and not {@code null}.
 */
final class JsonFields {

    private final JsonNode object;
    private final FieldPath path;

    private JsonFields(JsonNode object, FieldPath path) {
        this.object = object;
        this.path = path;
    }

    /** The fields of {@code node}, which must be an object with no field outside {@code allowed}. */
    static JsonFields of(JsonNode node, FieldPath path, Set<String> allowed) {
        if (!node.isObject()) {
            throw new InvalidInputException(path, "expected an object");
        }
        for (var field : node.properties()) {
            String name = field.getKey();
            if (!allowed.contains(name)) {
                throw new InvalidInputException(path.field(name),
                        "unknown field; expected one of " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return new JsonFields(node, path);
    }

    JsonNode required(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(path.field(name), "missing");
        }
        return value;
    }

    JsonNode requiredArray(String name) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new InvalidInputException(path.field(name), "expected an array");
        }
        return value;
    }

    /** The array, or {@code null} when absent. */
    JsonNode optionalArray(String name) {
        return isAbsent(name) ? null : requiredArray(name);
    }

    /** The object, or {@code null} when absent. */
    JsonNode optionalObject(String name) {
        if (isAbsent(name)) {
            return null;
        }
        JsonNode value = object.get(name);
        if (!value.isObject()) {
            throw new InvalidInputException(path.field(name), "expected an object");
        }
        return value;
    }

    /** A name (topic, member, rack...): a non-empty string. */
    String requiredName(String name) {
        return name(required(name), path.field(name));
    }

    /** The name, or {@code null} when absent. */
    String optionalName(String name) {
        return isAbsent(name) ? null : requiredName(name);
    }

    /** A count: an integer, zero or more. */
    int requiredCount(String name) {
        JsonNode value = required(name);
        FieldPath at = path.field(name);
        if (!value.isIntegralNumber()) {
            throw new InvalidInputException(at, "expected a non-negative integer");
        }
        if (value.bigIntegerValue().signum() < 0) {
            throw new InvalidInputException(at, "must not be negative, got " + value.asText());
        }
        if (!value.canConvertToInt()) {
            throw new InvalidInputException(at, "too large: " + value.asText());
        }
        return value.intValue();
    }

    /** {@code node} as an array of names (non-empty strings). */
    static List<String> names(JsonNode node, FieldPath path) {
        if (!node.isArray()) {
            throw new InvalidInputException(path, "expected an array of strings");
        }
        List<String> names = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            names.add(name(node.get(i), path.index(i)));
        }
        return names;
    }

    /** {@code node} as an array of partition numbers (integers, zero or more). */
    static List<Integer> partitionNumbers(JsonNode node, FieldPath path) {
        if (!node.isArray()) {
            throw new InvalidInputException(path, "expected an array of partition numbers");
        }
        List<Integer> partitions = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToInt() || element.intValue() < 0) {
                throw new InvalidInputException(path.index(i),
                        "expected a partition number (an integer, zero or more), got " + element);
            }
            partitions.add(element.intValue());
        }
        return partitions;
    }

    private boolean isAbsent(String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull();
    }

    private static String name(JsonNode node, FieldPath path) {
        if (!node.isTextual() || node.textValue().isEmpty()) {
            throw new InvalidInputException(path, "expected a non-empty string");
        }
        return node.textValue();
    }
}
