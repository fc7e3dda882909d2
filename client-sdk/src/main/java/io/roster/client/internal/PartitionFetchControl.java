package io.roster.client.internal;

import io.vertx.core.Future;
import org.apache.kafka.common.TopicPartition;

/** What a {@link PartitionWorker} asks of the {@link Fetcher}: pause or resume its partition, and move its position. */
interface PartitionFetchControl {

    void setPaused(TopicPartition partition, boolean pause);

    Future<Long> seek(TopicPartition partition, long offset, boolean fromStartWhenUnknown);
}
