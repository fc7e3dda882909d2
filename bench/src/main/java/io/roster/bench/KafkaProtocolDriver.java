package io.roster.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Kafka's own group coordinator, classic or KIP-848, through {@link KafkaGroupConsumer}s and
 * the broker's admin API ({@code describeConsumerGroups}, {@code incrementalAlterConfigs} on
 * the group).
 *
 * <p>A victim of the new protocol is a static member: kafka-clients 4.4.0 sends the leave
 * heartbeat of a dynamic member even when it is closed with {@code REMAIN_IN_GROUP} (its log
 * says it will not), so a dynamic member cannot stop without leaving. A static member closed
 * that way sends epoch -2, "gone for now", and the broker keeps it and its partitions until its
 * session timeout, as for a crashed member.
 */
final class KafkaProtocolDriver implements ProtocolDriver {

    private static final long CALL_TIMEOUT_MS = 10_000;

    private final RebalanceContender contender;
    private final RebalanceSettings settings;
    private final Admin admin;
    private final String bootstrapServers;
    private final String topic;

    KafkaProtocolDriver(RebalanceContender contender, RebalanceSettings settings, Admin admin, String bootstrapServers,
                        String topic) {
        this.contender = contender;
        this.settings = settings;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    @Override
    public RebalanceContender contender() {
        return contender;
    }

    @Override
    public void prepare(String groupId) {
        Map<String, String> configs = contender.groupConfigs(settings);
        if (configs.isEmpty()) {
            return;
        }
        List<AlterConfigOp> ops = configs.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
        get(admin.incrementalAlterConfigs(Map.of(group, ops)).all(), "setting the configs of group " + groupId);
    }

    @Override
    public GroupConsumer consumer(int id, String groupId, boolean victim, ProcessingLedger.Recorder recorder) {
        Map<String, Object> properties = new HashMap<>(contender.kafkaProperties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-" + id);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        if (victim && contender.consumerProtocol()) {
            properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "victim-" + id);
        }
        return new KafkaGroupConsumer(id, topic, properties, recorder);
    }

    @Override
    public List<String> disagreements(String groupId, Map<String, Set<Integer>> ownedByMember) {
        ConsumerGroupDescription group = describe(groupId);
        List<String> differences = new ArrayList<>();
        if (group.groupState() != GroupState.STABLE) {
            differences.add("group state " + group.groupState());
        }
        Map<String, MemberDescription> members = group.members().stream()
                .collect(Collectors.toMap(MemberDescription::consumerId, m -> m, (a, b) -> a));
        if (!members.keySet().equals(ownedByMember.keySet())) {
            differences.add("members " + members.keySet() + ", consumers " + ownedByMember.keySet());
            return differences;
        }
        ownedByMember.forEach((memberId, owned) -> {
            MemberDescription member = members.get(memberId);
            Set<Integer> assigned = partitions(member.assignment());
            if (!assigned.equals(owned)) {
                differences.add("member " + memberId + " assigned " + assigned + ", owns " + owned);
            }
            member.targetAssignment().map(KafkaProtocolDriver::partitions).filter(target -> !target.equals(assigned))
                    .ifPresent(target -> differences.add("member " + memberId + " target " + target + ", assigned "
                            + assigned));
        });
        return differences;
    }

    @Override
    public Set<String> listedMembers(String groupId) {
        return describe(groupId).members().stream().map(MemberDescription::consumerId).collect(Collectors.toSet());
    }

    private ConsumerGroupDescription describe(String groupId) {
        return get(admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId),
                "describing group " + groupId);
    }

    private static Set<Integer> partitions(MemberAssignment assignment) {
        return assignment.topicPartitions().stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new BenchmarkFailure(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchmarkFailure(what + ": no answer within " + CALL_TIMEOUT_MS + " ms", e);
        }
    }
}
