package io.roster.example;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sample orders for {@link OrdersApp} (see docs/getting-started.md): creates the topic if it
 * does not exist, then writes {@code customer-<n>} = {@code order-<n>} records at a steady rate
 * (at most 1000 a second) until stopped, or until {@code --count} records.
 *
 * <pre>
 * java -cp integration-tests/target/roster-demo.jar io.roster.example.OrdersProducer \
 *     --bootstrap-servers localhost:9092 --topic orders --partitions 6 --rate 5
 * </pre>
 */
public final class OrdersProducer {

    private OrdersProducer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Map.of("bootstrap-servers", "localhost:9092", "topic", "orders",
                "partitions", "6", "rate", "5", "count", "0");
        Map<String, String> settings = new HashMap<>(options);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String option = args[i].replaceFirst("^--", "");
            if (!options.containsKey(option)) {
                System.err.println("unknown option " + args[i] + "; options: --" + String.join(" --", options.keySet()));
                System.exit(2);
            }
            settings.put(option, args[i + 1]);
        }
        String servers = settings.get("bootstrap-servers");
        String topic = settings.get("topic");
        int partitions = Integer.parseInt(settings.get("partitions"));
        int rate = Integer.parseInt(settings.get("rate"));
        long count = Long.parseLong(settings.get("count"));

        createTopic(servers, topic, partitions);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(producer::flush, "orders-producer-flush"));
            System.out.printf("writing %d orders/s to %s%s%n", rate, topic, count > 0 ? ", " + count + " in all" : "");
            for (long n = 0; count == 0 || n < count; n++) {
                producer.send(new ProducerRecord<>(topic, "customer-" + n % 100, "order-" + n));
                Thread.sleep(1000 / Math.max(1, Math.min(rate, 1000)));
            }
        }
    }

    private static void createTopic(String servers, String topic, int partitions)
            throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            // the broker's default replication factor
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
            System.out.printf("created topic %s with %d partitions%n", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        }
    }
}
