package io.roster.coordinator.metadata;

/**
 * The Kafka cluster could not be read (unreachable, timed out, refused). The message names
 * the cluster and what was being read; the cause is Kafka's own error.
 */
public class MetadataUnavailableException extends RuntimeException {

    public MetadataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
