package io.roster.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale steps of a run, spread evenly over the time records are produced: {@code 1,3,6,2,4}
 * starts with one consumer, has three at a fifth of the time, six at two fifths, and so on.
 * A {@code k} step kills the oldest consumer instead (no commit, no leave).
 */
record ScaleSchedule(List<Step> steps) {

    /** Most consumers one step may ask for. */
    static final int MAX_CONSUMERS = 32;

    /** @param consumers how many consumers to run, or -1 for a kill */
    record Step(int consumers) {
        boolean kill() {
            return consumers < 0;
        }

        @Override
        public String toString() {
            return kill() ? "k" : Integer.toString(consumers);
        }
    }

    ScaleSchedule {
        if (steps.isEmpty() || steps.get(0).kill()) {
            throw new IllegalArgumentException("the schedule starts with a number of consumers");
        }
        steps = List.copyOf(steps);
    }

    /** Parses {@code 1,3,6,k,2,4}. */
    static ScaleSchedule parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String step = part.trim();
            if (step.equals("k")) {
                steps.add(new Step(-1));
                continue;
            }
            int consumers;
            try {
                consumers = Integer.parseInt(step);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("schedule step '" + step + "' is neither a number of consumers nor k");
            }
            if (consumers < 0 || consumers > MAX_CONSUMERS) {
                throw new IllegalArgumentException("schedule step " + consumers + " is not 0 to " + MAX_CONSUMERS);
            }
            steps.add(new Step(consumers));
        }
        return new ScaleSchedule(steps);
    }

    /** When step {@code index} is due, from the start of production. */
    Duration at(int index, Duration duration) {
        return duration.multipliedBy(index).dividedBy(steps.size());
    }

    @Override
    public String toString() {
        return String.join(",", steps.stream().map(Step::toString).toList());
    }
}
