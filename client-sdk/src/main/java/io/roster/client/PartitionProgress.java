package io.roster.client;

import org.apache.kafka.common.TopicPartition;

/**
 * Where one owned partition stands. Offsets are Kafka offsets of the next record; -1 when
 * not known yet.
 *
 * @param fetchedPosition the offset after the last record fetched from Kafka
 * @param currentOffset the next record to process: every record before it was processed
 * @param committedOffset the last offset the coordinator accepted for this partition
 * @param logEndOffset the partition's log end offset: as last read from Kafka (about once a
 *                     second), or the fetched position when that is further
 * @param lag {@code logEndOffset - committedOffset}, or -1 while either is unknown
 */
public record PartitionProgress(TopicPartition partition, long fetchedPosition, long currentOffset,
                                long committedOffset, long logEndOffset, long lag) {
}
