package io.roster.it;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * What happened in a scenario: every produced record, every processed record and every
 * ownership change, each stamped with {@link System#nanoTime()} (one JVM: one clock). The
 * checks read it after the fact.
 */
public final class Ledger {

    public record Produced(TopicPartition partition, long offset, String key, String value) {
    }

    public record Processed(String consumer, TopicPartition partition, long offset, String key, String value,
                            long at) {
    }

    public enum Change { ASSIGNED, REVOKED, LOST }

    public record Ownership(String consumer, TopicPartition partition, Change change, long at) {
    }

    private final ConcurrentLinkedQueue<Produced> produced = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Processed> processed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Ownership> ownership = new ConcurrentLinkedQueue<>();

    public void produced(TopicPartition partition, long offset, String key, String value) {
        produced.add(new Produced(partition, offset, key, value));
    }

    public void processed(String consumer, TopicPartition partition, long offset, String key, String value) {
        processed.add(new Processed(consumer, partition, offset, key, value, System.nanoTime()));
    }

    public void ownership(String consumer, Set<TopicPartition> partitions, Change change) {
        long at = System.nanoTime();
        partitions.forEach(tp -> ownership.add(new Ownership(consumer, tp, change, at)));
    }

    public List<Produced> produced() {
        return List.copyOf(produced);
    }

    public List<Processed> processed() {
        return List.copyOf(processed);
    }

    public List<Ownership> ownership() {
        return List.copyOf(ownership);
    }

    /** Produced records that no consumer processed. */
    public List<Produced> unprocessed() {
        Set<String> seen = processed.stream().map(p -> p.partition() + "@" + p.offset()).collect(Collectors.toSet());
        return produced.stream().filter(p -> !seen.contains(p.partition() + "@" + p.offset())).toList();
    }

    /** Processed (partition, offset) pairs seen more than once, with how often (sorted by name). */
    public Map<String, Long> duplicates() {
        return processed.stream().collect(Collectors.groupingBy(p -> p.partition() + "@" + p.offset(),
                        TreeMap::new, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /**
     * Every moment at which a partition had two owners: an ASSIGNED while another consumer's
     * ownership had not ended (by REVOKED or LOST). Empty when ownership never overlapped.
     */
    public List<String> overlappingOwners() {
        List<String> overlaps = new ArrayList<>();
        Map<TopicPartition, List<Ownership>> byPartition = ownership.stream()
                .sorted(Comparator.comparingLong(Ownership::at))
                .collect(Collectors.groupingBy(Ownership::partition));
        byPartition.forEach((tp, changes) -> {
            Map<String, Boolean> owners = new HashMap<>();
            for (Ownership change : changes) {
                if (change.change() == Change.ASSIGNED) {
                    owners.entrySet().stream().filter(e -> e.getValue() && !e.getKey().equals(change.consumer()))
                            .forEach(e -> overlaps.add(tp + " assigned to " + change.consumer() + " while "
                                    + e.getKey() + " owned it"));
                    owners.put(change.consumer(), true);
                } else {
                    owners.put(change.consumer(), false);
                }
            }
        });
        return overlaps;
    }

    /**
     * Records processed out of offset order: within one consumer's processing of a
     * partition, an offset not greater than the one before it. Redeliveries after a rollback
     * restart lower on purpose; pass {@code allowRewind} to accept those.
     */
    public List<String> outOfOrder(boolean allowRewind) {
        return outOfOrder((before, after) -> allowRewind);
    }

    /**
     * As {@code outOfOrder(false)}, except that a consumer that owns a partition again may start it
     * lower (from the committed offset, after losing it): only a step back within one ownership,
     * with no ASSIGNED of that partition to that consumer between the two records, counts.
     */
    public List<String> outOfOrderWithinOwnership() {
        Map<String, List<Long>> assignedAt = ownership.stream().filter(o -> o.change() == Change.ASSIGNED)
                .collect(Collectors.groupingBy(o -> o.consumer() + " " + o.partition(),
                        Collectors.mapping(Ownership::at, Collectors.toList())));
        return outOfOrder((before, after) -> assignedAt.getOrDefault(before.consumer() + " " + before.partition(),
                List.of()).stream().anyMatch(at -> at > before.at() && at <= after.at()));
    }

    private List<String> outOfOrder(BiPredicate<Processed, Processed> rewindAllowed) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Processed>> byOwner = processed.stream()
                .collect(Collectors.groupingBy(p -> p.consumer() + " " + p.partition()));
        byOwner.forEach((owner, records) -> {
            Processed previous = null;
            for (Processed record : records) {
                if (previous != null && record.offset() <= previous.offset() && !rewindAllowed.test(previous, record)) {
                    problems.add(owner + ": offset " + record.offset() + " after " + previous.offset());
                }
                previous = record;
            }
        });
        return problems;
    }
}
