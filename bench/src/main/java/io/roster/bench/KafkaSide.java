package io.roster.bench;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metadata.PartitionRecord;
import org.apache.kafka.common.metadata.TopicRecord;
import org.apache.kafka.coordinator.common.runtime.KRaftCoordinatorMetadataImage;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.MemberAssignment;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;
import org.apache.kafka.coordinator.group.api.assignor.SubscriptionType;
import org.apache.kafka.coordinator.group.modern.Assignment;
import org.apache.kafka.coordinator.group.modern.GroupSpecImpl;
import org.apache.kafka.coordinator.group.modern.MemberSubscriptionAndAssignmentImpl;
import org.apache.kafka.coordinator.group.modern.SubscribedTopicDescriberImpl;
import org.apache.kafka.image.MetadataDelta;
import org.apache.kafka.image.MetadataImage;
import org.apache.kafka.image.MetadataProvenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Kafka 4.4.0's server-side assignors, fed the way its group coordinator feeds them: a
 * {@link GroupSpecImpl} of {@link MemberSubscriptionAndAssignmentImpl}s keyed by member id
 * (each member's current target assignment wrapped in an {@link Assignment}), the inverted
 * target assignment of the members present, the subscription type, and a
 * {@link SubscribedTopicDescriberImpl} over a KRaft metadata image.
 *
 * <p>Subscriptions are given as plain immutable sets of topic ids, shared between members
 * with equal subscriptions; the coordinator's lazy {@code TopicIds} view would only add
 * lookups on Kafka's side.
 */
final class KafkaSide implements AssignorSide<GroupAssignment> {

    private static final long TOPIC_ID_SEED = 0x746f70696373L;

    private final ConsumerGroupPartitionAssignor assignor;
    private final String source;
    private final List<Uuid> topicIds;
    private final Map<Uuid, String> topicNames;
    private final SubscribedTopicDescriber describer;

    KafkaSide(Strategy strategy, GroupShape cluster) {
        this.assignor = strategy.kafkaAssignor();
        this.source = Contender.of(Side.KAFKA, strategy).displayName();
        this.topicIds = seededTopicIds(cluster.topics().size());
        this.topicNames = new HashMap<>(topicIds.size() * 2);
        for (int t = 0; t < topicIds.size(); t++) {
            topicNames.put(topicIds.get(t), cluster.topics().get(t));
        }
        this.describer = new SubscribedTopicDescriberImpl(new KRaftCoordinatorMetadataImage(
                metadataImage(cluster, topicIds)));
    }

    @Override
    public PreparedCall<GroupAssignment> prepare(GroupShape shape, GroupAssignment prior) {
        Map<Set<String>, Set<Uuid>> interned = new IdentityHashMap<>();
        Map<String, MemberSubscriptionAndAssignmentImpl> members = new HashMap<>(shape.memberCount() * 2);
        Map<Uuid, Map<Integer, String>> inverted = new HashMap<>();
        for (int m = 0; m < shape.memberCount(); m++) {
            String id = shape.memberIds().get(m);
            Set<Uuid> subscription = interned.computeIfAbsent(shape.subscriptionOf(m), this::topicIdsOf);
            Assignment owned = Assignment.EMPTY;
            MemberAssignment previous = prior == null ? null : prior.members().get(id);
            if (previous != null) {
                owned = new Assignment(copyOf(previous.partitions()));
                for (Map.Entry<Uuid, Set<Integer>> topic : owned.partitions().entrySet()) {
                    Map<Integer, String> owners = inverted.computeIfAbsent(topic.getKey(), t -> new HashMap<>());
                    for (Integer partition : topic.getValue()) {
                        owners.put(partition, id);
                    }
                }
            }
            members.put(id, new MemberSubscriptionAndAssignmentImpl(Optional.empty(), Optional.empty(), subscription,
                    owned));
        }
        SubscriptionType type = shape.homogeneous() ? SubscriptionType.HOMOGENEOUS : SubscriptionType.HETEROGENEOUS;
        GroupSpecImpl group = new GroupSpecImpl(Collections.unmodifiableMap(members), type, inverted);
        ConsumerGroupPartitionAssignor assignor = this.assignor;
        SubscribedTopicDescriber describer = this.describer;
        return () -> assignor.assign(group, describer);
    }

    @Override
    public PartitionOwners read(GroupShape shape, GroupAssignment result) {
        PartitionOwners.Reader reader = PartitionOwners.reader(shape, source);
        for (Map.Entry<String, MemberAssignment> entry : result.members().entrySet()) {
            int member = reader.member(entry.getKey());
            for (Map.Entry<Uuid, Set<Integer>> topic : entry.getValue().partitions().entrySet()) {
                String name = topicNames.getOrDefault(topic.getKey(), "<topic id " + topic.getKey() + ">");
                for (Integer partition : topic.getValue()) {
                    reader.add(member, name, partition);
                }
            }
        }
        return reader.finish();
    }

    private Set<Uuid> topicIdsOf(Set<String> topicNamesSubscribed) {
        List<Uuid> ids = new ArrayList<>(topicNamesSubscribed.size());
        for (Map.Entry<Uuid, String> topic : topicNames.entrySet()) {
            if (topicNamesSubscribed.contains(topic.getValue())) {
                ids.add(topic.getKey());
            }
        }
        return Set.copyOf(ids);
    }

    /** A member's assignment as the coordinator keeps it: its own map, its own sets. */
    private static Map<Uuid, Set<Integer>> copyOf(Map<Uuid, Set<Integer>> partitions) {
        Map<Uuid, Set<Integer>> copy = new HashMap<>(partitions.size() * 2);
        for (Map.Entry<Uuid, Set<Integer>> topic : partitions.entrySet()) {
            copy.put(topic.getKey(), new HashSet<>(topic.getValue()));
        }
        return copy;
    }

    private static List<Uuid> seededTopicIds(int count) {
        Random random = new Random(TOPIC_ID_SEED);
        Set<Uuid> seen = new HashSet<>();
        List<Uuid> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            Uuid id = new Uuid(random.nextLong(), random.nextLong());
            // Kafka never hands out reserved ids, nor ids whose text starts with '-'.
            if (!Uuid.RESERVED.contains(id) && !id.toString().startsWith("-") && seen.add(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The topics replayed into a metadata image as a KRaft controller would record them. */
    private static MetadataImage metadataImage(GroupShape cluster, List<Uuid> topicIds) {
        MetadataDelta delta = new MetadataDelta.Builder().setImage(MetadataImage.EMPTY).build();
        List<Integer> replicas = List.of(0);
        for (int t = 0; t < topicIds.size(); t++) {
            delta.replay(new TopicRecord().setTopicId(topicIds.get(t)).setName(cluster.topics().get(t)));
            for (int p = 0; p < cluster.partitionsPerTopic(); p++) {
                delta.replay(new PartitionRecord().setTopicId(topicIds.get(t)).setPartitionId(p)
                        .setReplicas(replicas).setIsr(replicas).setLeader(0));
            }
        }
        return delta.apply(MetadataProvenance.EMPTY);
    }
}
