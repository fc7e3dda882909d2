package io.roster.bench;

import io.roster.assignor.TopicPartitionSet;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One member of the capacity load, as docs/protocol.md has it: it joins with an empty id, holds exactly the
 * partitions of its last answer (revoked ones are released at once), heartbeats with its id, epoch and owned
 * partitions as the SDK does, and commits offsets of partitions it owns at its epoch. It opens no push channel: a
 * member without one learns of changes at its next heartbeat, which the load sends often enough.
 *
 * <p>Confined to the event loop of its {@link LoadShard}: no locks.
 */
final class CapacityMember {

    final String groupId;
    final String topic;
    final RequestOptions heartbeatRequest;
    final RequestOptions commitRequest;
    /** The same requests with a longer timeout, for the set-up: a cold coordinator may take long to answer. */
    final RequestOptions setUpHeartbeatRequest;
    final RequestOptions setUpCommitRequest;

    private String memberId = "";
    private int memberEpoch;
    private long intervalMs = 3_000;
    private String state = "";
    private JsonArray assigned;
    private TopicPartitionSet held = TopicPartitionSet.empty();
    private boolean reconciling = true;
    private Buffer heartbeatBody;
    private int[] ownedPartitions = new int[0];
    private int commitCursor;
    private long nextOffset;

    /** A measured loop heartbeats it: the keep-alive leaves it alone. */
    boolean driven;
    boolean heartbeatInFlight;
    /** What to send once the heartbeat in flight (the keep-alive's) is answered: a member has one at a time. */
    Runnable afterHeartbeat;
    long lastHeartbeatSentNanos;

    CapacityMember(String groupId, String topic, int port, long timeoutMs, long setUpTimeoutMs) {
        this.groupId = groupId;
        this.topic = topic;
        this.heartbeatRequest = request(port, "/v1/groups/" + groupId + "/heartbeat", timeoutMs);
        this.commitRequest = request(port, "/v1/groups/" + groupId + "/offsets/commit", timeoutMs);
        this.setUpHeartbeatRequest = new RequestOptions(heartbeatRequest).setIdleTimeout(setUpTimeoutMs);
        this.setUpCommitRequest = new RequestOptions(commitRequest).setIdleTimeout(setUpTimeoutMs);
    }

    private static RequestOptions request(int port, String path, long timeoutMs) {
        return new RequestOptions().setMethod(HttpMethod.POST).setHost(JsonExchange.LOOPBACK).setPort(port).setURI(path)
                .setIdleTimeout(timeoutMs).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    }

    boolean joined() {
        return !memberId.isEmpty();
    }

    long intervalMs() {
        return intervalMs;
    }

    /** Its last answer was STABLE with nothing to revoke and nothing still to come. */
    boolean settled() {
        return joined() && !reconciling;
    }

    int heldCount() {
        return held.size();
    }

    /** The next heartbeat: a join while it has no id, else id, epoch and what it owns. */
    Buffer heartbeatBody() {
        if (heartbeatBody == null) {
            JsonObject body = new JsonObject().put("memberId", memberId).put("memberEpoch", memberEpoch);
            if (joined()) {
                body.put("ownedPartitions", PartitionsJson.write(held));
            } else {
                body.put("subscribedTopics", new JsonArray().add(topic));
            }
            heartbeatBody = body.toBuffer();
        }
        return heartbeatBody.copy();
    }

    /**
     * Takes a 200 answer to a heartbeat. Returns null when it changed nothing about the member (a stable member's
     * heartbeat), else what changed; either way the member now follows the answer.
     */
    String take(JsonObject answer) {
        String id = answer.getString("memberId");
        Integer epoch = answer.getInteger("memberEpoch");
        String newState = answer.getString("state");
        JsonArray newAssigned = answer.getJsonArray("assignedPartitions");
        JsonArray toRevoke = answer.getJsonArray("partitionsToRevoke");
        JsonArray pending = answer.getJsonArray("pendingPartitions");
        if (id == null || epoch == null || newState == null || newAssigned == null || toRevoke == null
                || pending == null) {
            throw new IllegalArgumentException("a heartbeat answer without memberId, memberEpoch, state or a"
                    + " partition list: " + answer.encode());
        }
        String change = null;
        if (joined() && !memberId.equals(id)) {
            change = "member id changed";
        } else if (epoch != memberEpoch) {
            change = "epoch changed";
        } else if (!newState.equals(state)) {
            change = "state " + state + " -> " + newState;
        } else if (!newAssigned.equals(assigned)) {
            change = "assigned partitions changed";
        }
        boolean nowReconciling = !"STABLE".equals(newState) || !toRevoke.isEmpty() || !pending.isEmpty();
        if (change == null && nowReconciling) {
            change = "still reconciling";
        }
        if (change != null) {
            memberId = id;
            memberEpoch = epoch;
            state = newState;
            assigned = newAssigned;
            // Revoked partitions are not among the assigned ones: holding exactly these releases them.
            held = PartitionsJson.read(answer, "assignedPartitions");
            ownedPartitions = held.partitions(topic);
            heartbeatBody = null;
        }
        reconciling = nowReconciling;
        Long interval = answer.getLong("heartbeatIntervalMs");
        if (interval != null && interval > 0) {
            intervalMs = interval;
        }
        return change;
    }

    /**
     * The next commit: {@code batch} partitions it owns, the ones after the last commit's (round the owned ones),
     * each at an offset one higher than this member's previous commit.
     */
    Buffer commitBody(int batch) {
        if (ownedPartitions.length < batch) {
            throw new IllegalStateException("member of " + groupId + " owns " + ownedPartitions.length
                    + " partitions, fewer than a batch of " + batch);
        }
        long offset = ++nextOffset;
        StringBuilder body = new StringBuilder(64 + batch * 48);
        body.append("{\"memberId\":\"").append(memberId).append("\",\"memberEpoch\":").append(memberEpoch)
                .append(",\"offsets\":[");
        for (int i = 0; i < batch; i++) {
            int partition = ownedPartitions[(commitCursor + i) % ownedPartitions.length];
            body.append(i == 0 ? "" : ",").append("{\"topic\":\"").append(topic).append("\",\"partition\":")
                    .append(partition).append(",\"offset\":").append(offset).append('}');
        }
        commitCursor = (commitCursor + batch) % ownedPartitions.length;
        return Buffer.buffer(body.append("]}").toString());
    }

    /** Null when every partition of a commit of {@code batch} was accepted, else what was wrong. */
    static String commitError(JsonObject answer, int batch) {
        JsonArray results = answer.getJsonArray("results");
        if (results == null || results.size() != batch) {
            return "commit answer with " + (results == null ? "no" : results.size()) + " results for " + batch
                    + " partitions";
        }
        for (int i = 0; i < results.size(); i++) {
            String result = results.getJsonObject(i).getString("result");
            if (!"OK".equals(result)) {
                return "commit result " + result;
            }
        }
        return null;
    }
}
