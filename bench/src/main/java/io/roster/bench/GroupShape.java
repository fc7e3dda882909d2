package io.roster.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A group as neither side sees it yet: member ids, each member's subscribed topic names,
 * and the cluster's topics, all of {@link Scenario#PARTITIONS_PER_TOPIC} partitions. Both
 * sides' inputs are built from one shape, so they hold the same members, topics and
 * subscriptions.
 *
 * <p>Partitions get global numbers {@code topicIndex * partitionsPerTopic + partition}.
 * Members whose subscriptions are equal share one immutable set, as a coordinator
 * interning subscriptions would.
 */
public final class GroupShape {

    private static final long MEMBER_ID_SEED = 0x526f73746572L;
    private static final long SUBSCRIPTION_SEED = 0x4b61666b61L;
    private static final char[] ID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final int ID_LENGTH = 22;

    private final List<String> memberIds;
    private final List<Set<String>> subscriptions;
    private final List<String> topics;
    private final int partitionsPerTopic;
    private final Map<String, Integer> memberIndex;
    private final Map<String, Integer> topicIndex;

    private GroupShape(List<String> memberIds, List<Set<String>> subscriptions, List<String> topics,
                       int partitionsPerTopic) {
        this.memberIds = List.copyOf(memberIds);
        this.subscriptions = List.copyOf(subscriptions);
        this.topics = List.copyOf(topics);
        this.partitionsPerTopic = partitionsPerTopic;
        this.memberIndex = indexOf(this.memberIds, "member id");
        this.topicIndex = indexOf(this.topics, "topic");
    }

    /**
     * The group a scenario starts from: its base member count, every member subscribed to
     * all topics, or to a seeded random {@link Scenario#RANDOM_SUBSCRIPTION_SIZE} of them.
     */
    static GroupShape base(Scenario scenario) {
        List<String> topics = topicNames(scenario.topics());
        List<String> ids = memberIds(scenario.baseMembers() + 1).subList(0, scenario.baseMembers());
        List<Set<String>> subscriptions = new ArrayList<>(ids.size());
        if (scenario.randomSubscriptions()) {
            Random random = new Random(SUBSCRIPTION_SEED);
            List<String> shuffled = new ArrayList<>(topics);
            for (int m = 0; m < ids.size(); m++) {
                Collections.shuffle(shuffled, random);
                subscriptions.add(Set.copyOf(shuffled.subList(0, Scenario.RANDOM_SUBSCRIPTION_SIZE)));
            }
        } else {
            Set<String> all = Set.copyOf(topics);
            for (int m = 0; m < ids.size(); m++) {
                subscriptions.add(all);
            }
        }
        return new GroupShape(ids, subscriptions, topics, Scenario.PARTITIONS_PER_TOPIC);
    }

    /** The group after the scenario's change; the base group itself when there is none. */
    GroupShape changedFor(Scenario scenario) {
        return switch (scenario.change()) {
            case NONE -> this;
            case JOIN -> {
                // The next id of the same seeded stream: distinct from every base member's.
                String newcomer = memberIds(memberIds.size() + 1).get(memberIds.size());
                List<String> ids = new ArrayList<>(memberIds);
                ids.add(newcomer);
                List<Set<String>> subs = new ArrayList<>(subscriptions);
                subs.add(subscriptions.get(0));
                yield new GroupShape(ids, subs, topics, partitionsPerTopic);
            }
            case LEAVE -> {
                int leaver = memberIds.size() / 2;
                List<String> ids = new ArrayList<>(memberIds);
                ids.remove(leaver);
                List<Set<String>> subs = new ArrayList<>(subscriptions);
                subs.remove(leaver);
                yield new GroupShape(ids, subs, topics, partitionsPerTopic);
            }
        };
    }

    public List<String> memberIds() {
        return memberIds;
    }

    public int memberCount() {
        return memberIds.size();
    }

    public Set<String> subscriptionOf(int member) {
        return subscriptions.get(member);
    }

    public List<String> topics() {
        return topics;
    }

    public int partitionsPerTopic() {
        return partitionsPerTopic;
    }

    public int partitionCount() {
        return topics.size() * partitionsPerTopic;
    }

    /** The member's position, or -1 when the group has no such member. */
    public int memberIndex(String memberId) {
        return memberIndex.getOrDefault(memberId, -1);
    }

    /** The topic's position, or -1 when the cluster has no such topic. */
    public int topicIndex(String topic) {
        return topicIndex.getOrDefault(topic, -1);
    }

    public String topicOf(int globalPartition) {
        return topics.get(globalPartition / partitionsPerTopic);
    }

    /** True when every member subscribes to the same topics. */
    public boolean homogeneous() {
        Set<String> first = subscriptions.isEmpty() ? Set.of() : subscriptions.get(0);
        for (Set<String> subscription : subscriptions) {
            if (subscription != first && !subscription.equals(first)) {
                return false;
            }
        }
        return true;
    }

    /** Topics at least one member subscribes to. */
    Set<String> subscribedTopics() {
        Set<String> result = new HashSet<>();
        Set<String> previous = null;
        for (Set<String> subscription : subscriptions) {
            if (subscription != previous) {
                result.addAll(subscription);
                previous = subscription;
            }
        }
        return result;
    }

    private static List<String> topicNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            names.add(String.format("topic-%04d", t));
        }
        return names;
    }

    /** The first {@code count} ids of one seeded stream of random 22-character ids. */
    private static List<String> memberIds(int count) {
        Random random = new Random(MEMBER_ID_SEED);
        Set<String> seen = new HashSet<>(count * 2);
        List<String> ids = new ArrayList<>(count);
        char[] id = new char[ID_LENGTH];
        while (ids.size() < count) {
            for (int i = 0; i < ID_LENGTH; i++) {
                id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
            }
            String next = new String(id);
            if (seen.add(next)) {
                ids.add(next);
            }
        }
        return ids;
    }

    private static Map<String, Integer> indexOf(List<String> values, String what) {
        Map<String, Integer> index = new HashMap<>(values.size() * 2);
        for (int i = 0; i < values.size(); i++) {
            if (index.putIfAbsent(values.get(i), i) != null) {
                throw new IllegalArgumentException(what + " '" + values.get(i) + "' appears twice");
            }
        }
        return index;
    }
}
