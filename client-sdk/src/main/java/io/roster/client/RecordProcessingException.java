package io.roster.client;

/** A record failed every attempt and the failure policy stopped the consumer. */
public class RecordProcessingException extends RuntimeException {

    private final String topic;
    private final int partition;
    private final long offset;

    public RecordProcessingException(String topic, int partition, long offset, int attempts, Throwable cause) {
        super("record " + topic + "-" + partition + "@" + offset + " failed " + attempts + " time(s): " + cause, cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }
}
