package io.roster.bench;

/** One measured event: its outcome, or why it does not count (never dropped silently). */
record EventSample(RebalanceContender contender, int groupSize, RebalanceEvent event, int block, int round,
                   EventAnalysis.Outcome outcome, String failure) {

    static EventSample measured(RebalanceContender contender, int groupSize, RebalanceEvent event, int block, int round,
                                EventAnalysis.Outcome outcome) {
        return new EventSample(contender, groupSize, event, block, round, outcome, null);
    }

    static EventSample failed(RebalanceContender contender, int groupSize, RebalanceEvent event, int block, int round,
                              String failure) {
        return new EventSample(contender, groupSize, event, block, round, null, failure);
    }

    boolean ok() {
        return failure == null;
    }
}
