package io.roster.example;

import io.roster.client.CommitPolicy;
import io.roster.client.ConsumedRecord;
import io.roster.client.FailurePolicy;
import io.roster.client.PartitionListener;
import io.roster.client.RetryPolicy;
import io.roster.client.RosterConsumer;
import io.roster.client.RosterConsumerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;

/**
 * A minimal consumer application on the Roster client SDK (see docs/getting-started.md).
 * Start as many instances as you like: the coordinator shares the topic's partitions among
 * them, and moves them when an instance starts or stops.
 *
 * <pre>
 * java -cp integration-tests/target/roster-demo.jar io.roster.example.OrdersApp \
 *     --coordinators 127.0.0.1:8080 --bootstrap-servers localhost:9092 --group orders-app --topic orders
 * </pre>
 *
 * Each option may come from the environment instead ({@code ORDERS_COORDINATORS},
 * {@code ORDERS_BOOTSTRAP_SERVERS}, {@code ORDERS_GROUP}, {@code ORDERS_TOPIC}); the defaults are
 * the values above. {@code --coordinators} takes a comma-separated list: the SDK fails over
 * between them. SIGTERM (or Ctrl-C) stops it gracefully: records in flight finish, processed
 * offsets are committed, the partitions go to the other instances at once.
 */
public final class OrdersApp {

    private static final Map<String, String> DEFAULTS = defaults();
    private static final long CLOSE_TIMEOUT_S = 30;

    private OrdersApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        String name = "orders-app[" + ProcessHandle.current().pid() + "]";
        RosterConsumerConfig config;
        try {
            config = config(settings(args, System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: OrdersApp [--coordinators host:port,...] [--bootstrap-servers host:port,...]"
                    + " [--group id] [--topic name]");
            System.exit(2);
            return;
        }

        Vertx vertx = Vertx.vertx();
        RosterConsumer<String, String> consumer = RosterConsumer.create(vertx, config,
                record -> handle(name, record));
        consumer.listener(new PartitionListener() {
            @Override
            public void onAssigned(Set<TopicPartition> partitions) {
                System.out.println(name + " assigned " + sorted(partitions));
            }

            @Override
            public void onRevoked(Set<TopicPartition> partitions) {
                System.out.println(name + " revoked " + sorted(partitions) + " (processed offsets committed)");
            }

            @Override
            public void onLost(Set<TopicPartition> partitions) {
                System.out.println(name + " lost " + sorted(partitions) + " (records since the last commit come again)");
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(name + " stopping");
            await(consumer.close().eventually(vertx::close));
            System.out.println(name + " stopped");
        }, "orders-app-stop"));

        System.out.println(name + " joining group " + config.groupId() + " for topic " + config.topics()
                + " through " + config.coordinators());
        consumer.start().onFailure(e -> System.err.println(name + " could not join yet: " + e.getMessage()));
        try {
            // Runs until SIGTERM closes it, or until it stops by itself (the failure policy said stop).
            consumer.terminated().toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            System.err.println(name + " stopped: " + e.getCause().getMessage());
            System.exit(1);
        }
    }

    private static RosterConsumerConfig config(Map<String, String> settings) {
        return RosterConsumerConfig.builder()
                .coordinators(settings.get("coordinators").split(","))
                .groupId(settings.get("group"))
                .topics(settings.get("topic"))
                .kafkaProperty("bootstrap.servers", settings.get("bootstrap-servers"))
                // a partition without a committed offset starts at its first record
                .offsetReset(RosterConsumerConfig.OffsetReset.EARLIEST)
                // the defaults, spelled out: commit processed offsets every second; deliver a failing
                // record three times in all (100 ms, then 200 ms apart); then stop this instance
                .commitPolicy(CommitPolicy.periodic(Duration.ofSeconds(1)))
                .retryPolicy(RetryPolicy.defaults())
                .failurePolicy(FailurePolicy.stop())
                .build();
    }

    /** The application's work on one order: here, print it. A failed future would roll the partition back. */
    private static Future<Void> handle(String name, ConsumedRecord<String, String> record) {
        System.out.printf("%s %s-%d@%d %s = %s%n", name, record.topic(), record.partition(), record.offset(),
                record.key(), record.value());
        return Future.succeededFuture();
    }

    private static List<String> sorted(Set<TopicPartition> partitions) {
        return partitions.stream().sorted(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition)).map(TopicPartition::toString).toList();
    }

    /** The defaults, overridden by the environment, overridden by the arguments. */
    static Map<String, String> settings(String[] args, Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>(DEFAULTS);
        DEFAULTS.keySet().forEach(option -> {
            String value = environment.get("ORDERS_" + option.toUpperCase().replace('-', '_'));
            if (value != null && !value.isBlank()) {
                settings.put(option, value.trim());
            }
        });
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!DEFAULTS.containsKey(option)) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length || args[i + 1].isBlank()) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            settings.put(option, args[i + 1].trim());
        }
        return settings;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("coordinators", "127.0.0.1:8080");
        defaults.put("bootstrap-servers", "localhost:9092");
        defaults.put("group", "orders-app");
        defaults.put("topic", "orders");
        return defaults;
    }

    private static void await(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("closing did not finish cleanly: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
