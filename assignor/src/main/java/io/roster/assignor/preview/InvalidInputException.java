package io.roster.assignor.preview;

/**
 * The input (file, JSON document or option) cannot be previewed. The message names what is
 * wrong, starting with the field or option at fault: {@code members[2].topics: expected an
 * array of strings}.
 */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(FieldPath field, String problem) {
        super(field + ": " + problem);
    }
}
