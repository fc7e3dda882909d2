package io.roster.coordinator.store;

import static io.roster.coordinator.store.CompactFields.readMetadata;
import static io.roster.coordinator.store.CompactFields.readPartitions;
import static io.roster.coordinator.store.CompactFields.readTopics;
import static io.roster.coordinator.store.CompactFields.writeMetadata;
import static io.roster.coordinator.store.CompactFields.writePartitions;
import static io.roster.coordinator.store.CompactFields.writeTopics;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.config.Config;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.roster.assignor.TopicPartitionSet;
import io.roster.coordinator.group.ConsumerGroup;
import io.roster.coordinator.group.GroupError;
import io.roster.coordinator.group.GroupMember;
import io.roster.coordinator.group.Heartbeat;
import io.roster.coordinator.group.MemberState;
import io.roster.coordinator.group.MemberView;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compact serializers for everything the coordinator keeps in or sends through Hazelcast:
 * explicit field names, so that nodes of different versions can still read each other.
 */
public final class GroupSerializers {

    private GroupSerializers() {
    }

    /** Registers the serializers with a member's (or client's) configuration. */
    public static void register(Config config) {
        CompactSerializationConfig compact = config.getSerializationConfig().getCompactSerializationConfig();
        compact.addSerializer(new GroupMemberSerializer());
        compact.addSerializer(new MemberTargetSerializer());
        compact.addSerializer(new ConsumerGroupSerializer());
        compact.addSerializer(new MemberViewSerializer());
        compact.addSerializer(new MemberOwnershipSerializer());
        compact.addSerializer(new ResultSerializer());
        compact.addSerializer(new ProcessorSerializer());
        compact.addSerializer(new RemoveIfEmptySerializer());
    }

    /** A member's target, as one element of a compact array. */
    record MemberTarget(String memberId, TopicPartitionSet partitions) {
    }

    static final class GroupMemberSerializer implements CompactSerializer<GroupMember> {
        @Override
        public GroupMember read(CompactReader in) {
            return new GroupMember(in.readString("memberId"), in.readString("instanceId"), in.readString("rack"),
                    readTopics(in, "subscribedTopics"), in.readInt32("memberEpoch"), in.readInt32("previousMemberEpoch"),
                    MemberState.valueOf(in.readString("state")), readPartitions(in, "assigned"),
                    readPartitions(in, "pendingRevocation"), in.readInt64("sessionDeadlineMs"),
                    in.readInt64("revocationDeadlineMs"), in.readBoolean("leftTemporarily"));
        }

        @Override
        public void write(CompactWriter out, GroupMember m) {
            out.writeString("memberId", m.memberId());
            out.writeString("instanceId", m.instanceId());
            out.writeString("rack", m.rack());
            writeTopics(out, "subscribedTopics", m.subscribedTopics());
            out.writeInt32("memberEpoch", m.memberEpoch());
            out.writeInt32("previousMemberEpoch", m.previousMemberEpoch());
            out.writeString("state", m.state().name());
            writePartitions(out, "assigned", m.assigned());
            writePartitions(out, "pendingRevocation", m.pendingRevocation());
            out.writeInt64("sessionDeadlineMs", m.sessionDeadlineMs());
            out.writeInt64("revocationDeadlineMs", m.revocationDeadlineMs());
            out.writeBoolean("leftTemporarily", m.leftTemporarily());
        }

        @Override
        public String getTypeName() {
            return "roster.GroupMember";
        }

        @Override
        public Class<GroupMember> getCompactClass() {
            return GroupMember.class;
        }
    }

    static final class MemberTargetSerializer implements CompactSerializer<MemberTarget> {
        @Override
        public MemberTarget read(CompactReader in) {
            return new MemberTarget(in.readString("memberId"), readPartitions(in, "partitions"));
        }

        @Override
        public void write(CompactWriter out, MemberTarget target) {
            out.writeString("memberId", target.memberId());
            writePartitions(out, "partitions", target.partitions());
        }

        @Override
        public String getTypeName() {
            return "roster.MemberTarget";
        }

        @Override
        public Class<MemberTarget> getCompactClass() {
            return MemberTarget.class;
        }
    }

    static final class ConsumerGroupSerializer implements CompactSerializer<ConsumerGroup> {
        @Override
        public ConsumerGroup read(CompactReader in) {
            Map<String, GroupMember> members = new LinkedHashMap<>();
            for (GroupMember member : in.readArrayOfCompact("members", GroupMember.class)) {
                members.put(member.memberId(), member);
            }
            Map<String, TopicPartitionSet> target = new LinkedHashMap<>();
            for (MemberTarget entry : in.readArrayOfCompact("target", MemberTarget.class)) {
                target.put(entry.memberId(), entry.partitions());
            }
            String[] topics = in.readArrayOfString("partitionCounts.topics");
            int[] counts = in.readArrayOfInt32("partitionCounts.counts");
            Map<String, Integer> partitionCounts = new TreeMap<>();
            for (int i = 0; i < topics.length; i++) {
                partitionCounts.put(topics[i], counts[i]);
            }
            return new ConsumerGroup(in.readString("groupId"), in.readString("assignorName"), in.readInt32("groupEpoch"),
                    members, in.readInt32("targetEpoch"), target, partitionCounts, in.readInt64("ownershipVersion"));
        }

        @Override
        public void write(CompactWriter out, ConsumerGroup group) {
            out.writeString("groupId", group.groupId());
            out.writeString("assignorName", group.assignorName());
            out.writeInt32("groupEpoch", group.groupEpoch());
            out.writeArrayOfCompact("members", group.members().values().toArray(GroupMember[]::new));
            out.writeInt32("targetEpoch", group.targetEpoch());
            out.writeArrayOfCompact("target", new TreeMap<>(group.targetAssignment()).entrySet().stream()
                    .map(e -> new MemberTarget(e.getKey(), e.getValue())).toArray(MemberTarget[]::new));
            TreeMap<String, Integer> counts = new TreeMap<>(group.partitionCounts());
            out.writeArrayOfString("partitionCounts.topics", counts.keySet().toArray(String[]::new));
            out.writeArrayOfInt32("partitionCounts.counts", counts.values().stream().mapToInt(Integer::intValue).toArray());
            out.writeInt64("ownershipVersion", group.ownershipVersion());
        }

        @Override
        public String getTypeName() {
            return "roster.ConsumerGroup";
        }

        @Override
        public Class<ConsumerGroup> getCompactClass() {
            return ConsumerGroup.class;
        }
    }

    static final class MemberViewSerializer implements CompactSerializer<MemberView> {
        @Override
        public MemberView read(CompactReader in) {
            return new MemberView(in.readString("memberId"), in.readInt32("memberEpoch"),
                    MemberState.valueOf(in.readString("state")), readPartitions(in, "assigned"),
                    readPartitions(in, "pendingRevocation"), readPartitions(in, "awaiting"));
        }

        @Override
        public void write(CompactWriter out, MemberView view) {
            out.writeString("memberId", view.memberId());
            out.writeInt32("memberEpoch", view.memberEpoch());
            out.writeString("state", view.state().name());
            writePartitions(out, "assigned", view.assigned());
            writePartitions(out, "pendingRevocation", view.pendingRevocation());
            writePartitions(out, "awaiting", view.awaiting());
        }

        @Override
        public String getTypeName() {
            return "roster.MemberView";
        }

        @Override
        public Class<MemberView> getCompactClass() {
            return MemberView.class;
        }
    }

    static final class MemberOwnershipSerializer implements CompactSerializer<MemberOwnership> {
        @Override
        public MemberOwnership read(CompactReader in) {
            return new MemberOwnership(in.readString("memberId"), in.readInt32("memberEpoch"),
                    in.readInt32("previousMemberEpoch"), readPartitions(in, "owned"));
        }

        @Override
        public void write(CompactWriter out, MemberOwnership ownership) {
            out.writeString("memberId", ownership.memberId());
            out.writeInt32("memberEpoch", ownership.memberEpoch());
            out.writeInt32("previousMemberEpoch", ownership.previousMemberEpoch());
            writePartitions(out, "owned", ownership.owned());
        }

        @Override
        public String getTypeName() {
            return "roster.MemberOwnership";
        }

        @Override
        public Class<MemberOwnership> getCompactClass() {
            return MemberOwnership.class;
        }
    }

    static final class ResultSerializer implements CompactSerializer<GroupEventResult> {
        @Override
        public GroupEventResult read(CompactReader in) {
            return new GroupEventResult(in.readCompact("response"), Set.of(in.readArrayOfString("membersToNotify")),
                    List.of(in.readArrayOfString("removed")), in.readInt32("groupEpoch"),
                    in.readInt64("ownershipVersion"),
                    Arrays.asList(in.readArrayOfCompact("ownership", MemberOwnership.class)),
                    in.readString("error") == null ? null : GroupError.valueOf(in.readString("error")),
                    in.readString("errorMessage"));
        }

        @Override
        public void write(CompactWriter out, GroupEventResult result) {
            out.writeCompact("response", result.response());
            out.writeArrayOfString("membersToNotify", result.membersToNotify().toArray(String[]::new));
            out.writeArrayOfString("removed", result.removed().toArray(String[]::new));
            out.writeInt32("groupEpoch", result.groupEpoch());
            out.writeInt64("ownershipVersion", result.ownershipVersion());
            out.writeArrayOfCompact("ownership", result.ownership().toArray(MemberOwnership[]::new));
            out.writeString("error", result.error() == null ? null : result.error().name());
            out.writeString("errorMessage", result.errorMessage());
        }

        @Override
        public String getTypeName() {
            return "roster.GroupEventResult";
        }

        @Override
        public Class<GroupEventResult> getCompactClass() {
            return GroupEventResult.class;
        }
    }

    static final class ProcessorSerializer implements CompactSerializer<GroupEventProcessor> {
        @Override
        public GroupEventProcessor read(CompactReader in) {
            Heartbeat heartbeat = !in.readBoolean("hb") ? null : new Heartbeat(in.readString("hb.memberId"),
                    in.readInt32("hb.memberEpoch"), in.readString("hb.instanceId"), in.readString("hb.rack"),
                    readTopics(in, "hb.subscribedTopics"), readPartitions(in, "hb.owned"));
            return new GroupEventProcessor(new GroupEvent(GroupEvent.Kind.valueOf(in.readString("kind")), heartbeat,
                    in.readString("memberId"), in.readBoolean("temporarily"), in.readString("newMemberId"),
                    in.readInt64("nowMs"), readMetadata(in, "metadata"), in.readString("assignorName"),
                    in.readInt64("sessionTimeoutMs"), in.readInt64("rebalanceTimeoutMs")));
        }

        @Override
        public void write(CompactWriter out, GroupEventProcessor processor) {
            GroupEvent event = processor.event();
            Heartbeat hb = event.heartbeat();
            out.writeString("kind", event.kind().name());
            out.writeBoolean("hb", hb != null);
            out.writeString("hb.memberId", hb == null ? null : hb.memberId());
            out.writeInt32("hb.memberEpoch", hb == null ? 0 : hb.memberEpoch());
            out.writeString("hb.instanceId", hb == null ? null : hb.instanceId());
            out.writeString("hb.rack", hb == null ? null : hb.rack());
            writeTopics(out, "hb.subscribedTopics", hb == null ? null : hb.subscribedTopics());
            writePartitions(out, "hb.owned", hb == null ? null : hb.ownedPartitions());
            out.writeString("memberId", event.memberId());
            out.writeBoolean("temporarily", event.temporarily());
            out.writeString("newMemberId", event.newMemberId());
            out.writeInt64("nowMs", event.nowMs());
            writeMetadata(out, "metadata", event.metadata());
            out.writeString("assignorName", event.assignorName());
            out.writeInt64("sessionTimeoutMs", event.sessionTimeoutMs());
            out.writeInt64("rebalanceTimeoutMs", event.rebalanceTimeoutMs());
        }

        @Override
        public String getTypeName() {
            return "roster.GroupEventProcessor";
        }

        @Override
        public Class<GroupEventProcessor> getCompactClass() {
            return GroupEventProcessor.class;
        }
    }

    static final class RemoveIfEmptySerializer implements CompactSerializer<GroupRemoveIfEmptyProcessor> {
        @Override
        public GroupRemoveIfEmptyProcessor read(CompactReader in) {
            in.readInt32("version");
            return new GroupRemoveIfEmptyProcessor();
        }

        @Override
        public void write(CompactWriter out, GroupRemoveIfEmptyProcessor processor) {
            // A field, because a compact schema needs one; room for a later version.
            out.writeInt32("version", 1);
        }

        @Override
        public String getTypeName() {
            return "roster.GroupRemoveIfEmptyProcessor";
        }

        @Override
        public Class<GroupRemoveIfEmptyProcessor> getCompactClass() {
            return GroupRemoveIfEmptyProcessor.class;
        }
    }
}
