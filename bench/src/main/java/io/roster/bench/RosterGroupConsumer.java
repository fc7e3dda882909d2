package io.roster.bench;

import io.roster.client.PartitionListener;
import io.roster.client.RosterConsumer;
import io.roster.client.RosterConsumerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link RosterConsumer} on a Vert.x instance of its own (one event loop), as a separate
 * application process would have, with the SDK's defaults but for the group, topic and
 * brokers. Its handler notes the record and completes at once; its listener keeps the set of
 * partitions it owns. A kill is {@link RosterConsumer#abort()}: no commit, no leave.
 */
final class RosterGroupConsumer extends TrackedConsumer {

    private final Vertx vertx;
    private final RosterConsumer<String, String> consumer;
    private final ProcessingLedger.Recorder recorder;

    RosterGroupConsumer(int id, RosterConsumerConfig config, ProcessingLedger.Recorder recorder) {
        super(id);
        this.recorder = recorder;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        this.consumer = RosterConsumer.create(vertx, config, record -> {
            recorder.processed(record.partition());
            return Future.succeededFuture();
        });
        consumer.listener(new PartitionListener() {
            @Override
            public void onAssigned(Set<TopicPartition> partitions) {
                assigned(partitions);
                // The member id can change when the member joins again; it is current when partitions come.
                consumer.memberId().onSuccess(RosterGroupConsumer.this::memberId);
            }

            @Override
            public void onRevoked(Set<TopicPartition> partitions) {
                removed(partitions);
            }

            @Override
            public void onLost(Set<TopicPartition> partitions) {
                removed(partitions);
            }
        });
        consumer.terminated().onFailure(this::failed);
    }

    @Override
    public void start() {
        consumer.start().onFailure(this::failed);
    }

    @Override
    public CompletableFuture<Void> close() {
        return stopped(consumer.close());
    }

    @Override
    public CompletableFuture<Void> kill() {
        return stopped(consumer.abort());
    }

    private CompletableFuture<Void> stopped(Future<Void> stop) {
        return stop.eventually(vertx::close).andThen(done -> recorder.close())
                .toCompletionStage().toCompletableFuture();
    }
}
