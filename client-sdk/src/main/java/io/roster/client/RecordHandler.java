package io.roster.client;

import io.vertx.core.Future;

/**
 * The application's processing of one record. The consumer calls it on its own Vert.x
 * context, one record at a time per partition and in offset order; different partitions
 * are processed concurrently. A failed future (or a thrown exception) is a failure: the
 * partition rolls back to its committed offset and the records are delivered again.
 */
@FunctionalInterface
public interface RecordHandler<K, V> {

    Future<Void> handle(ConsumedRecord<K, V> record);
}
