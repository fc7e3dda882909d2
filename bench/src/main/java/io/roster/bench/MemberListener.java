package io.roster.bench;

/** What a {@link SimulatedMember} reports; called on the members' Vert.x context. */
interface MemberListener {

    void heartbeatSent(SimulatedMember member, HeartbeatTrigger trigger);

    void noticeReceived(SimulatedMember member);

    /** After the member has taken in an answer, before it sends any follow-up. */
    void answered(SimulatedMember member);

    /** The member cannot go on: a refused heartbeat, a lost connection. */
    void failed(SimulatedMember member, String what);
}
