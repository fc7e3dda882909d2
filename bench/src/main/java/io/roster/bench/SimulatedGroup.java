package io.roster.bench;

import io.roster.assignor.TopicPartitionSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The simulated members of one group, all on one Vert.x context, and what the harness waits
 * for: convergence (checked after every answer any member takes in, so its moment is exact
 * to the answer) or a quiet moment with no heartbeat in flight. Every method runs on that
 * context.
 */
final class SimulatedGroup implements MemberListener {

    /** The moment the group converged, and the heartbeats sent since the counts were last reset. */
    record Converged(long nanoTime, HeartbeatCounts.Tally counts) {
    }

    private final Vertx vertx;
    private final String groupId;
    private final String topic;
    private final TopicPartitionSet partitions;
    private final List<SimulatedMember> members = new ArrayList<>();
    private final HeartbeatCounts counts = new HeartbeatCounts();
    private Promise<Converged> convergence;
    private Promise<Void> quiet;
    private BenchmarkFailure failure;
    private JoinTimeline timeline;

    SimulatedGroup(Vertx vertx, String groupId, String topic, TopicPartitionSet partitions) {
        this.vertx = vertx;
        this.groupId = groupId;
        this.topic = topic;
        this.partitions = partitions;
    }

    String groupId() {
        return groupId;
    }

    List<SimulatedMember> members() {
        return List.copyOf(members);
    }

    /** A new member with its clients, not started: {@link SimulatedMember#start()} sends its join heartbeat. */
    SimulatedMember add(MemberRoute route) {
        SimulatedMember member = new SimulatedMember(vertx, "m" + members.size(), groupId, topic, route, this);
        members.add(member);
        return member;
    }

    /** Forgets the heartbeats counted so far; from now on records a timeline if {@code timeline} is not null. */
    void resetCounts(JoinTimeline timeline) {
        counts.reset();
        this.timeline = timeline;
    }

    /** Completes at the first answer after which {@link GroupConvergence} holds (at once if it holds now). */
    Future<Converged> convergence() {
        Promise<Converged> promise = Promise.promise();
        convergence = promise;
        check();
        return promise.future();
    }

    /** Completes when no member has a heartbeat in flight or due at once. */
    Future<Void> quiet() {
        Promise<Void> promise = Promise.promise();
        quiet = promise;
        check();
        return promise.future();
    }

    /** Every member leaves; answers still in flight are ignored. */
    Future<Void> leaveAll() {
        convergence = null;
        quiet = null;
        return Future.all(members.stream().map(SimulatedMember::leave).toList()).mapEmpty();
    }

    @Override
    public void heartbeatSent(SimulatedMember member, HeartbeatTrigger trigger) {
        counts.sent(trigger);
        trace(member, () -> "sends " + trigger);
    }

    @Override
    public void noticeReceived(SimulatedMember member) {
        counts.notice();
        trace(member, () -> "push notice");
    }

    @Override
    public void answered(SimulatedMember member) {
        trace(member, () -> "answer: " + member.lastAnswer());
        check();
    }

    @Override
    public void failed(SimulatedMember member, String what) {
        if (failure == null) {
            failure = new BenchmarkFailure("group " + groupId + ", member " + member.memberId() + ": " + what);
        }
        check();
    }

    private void trace(SimulatedMember member, Supplier<String> what) {
        if (timeline != null) {
            timeline.add(member.name(), what.get());
        }
    }

    private void check() {
        if (failure != null) {
            failWaits();
            return;
        }
        if (convergence != null && GroupConvergence.reached(members, partitions)) {
            Promise<Converged> done = convergence;
            convergence = null;
            if (timeline != null) {
                timeline.add("", "converged");
                timeline = null;
            }
            done.complete(new Converged(System.nanoTime(), counts.tally()));
        }
        if (quiet != null && members.stream().noneMatch(SimulatedMember::busy)) {
            Promise<Void> done = quiet;
            quiet = null;
            done.complete();
        }
    }

    private void failWaits() {
        if (convergence != null) {
            convergence.fail(failure);
            convergence = null;
        }
        if (quiet != null) {
            quiet.fail(failure);
            quiet = null;
        }
    }
}
