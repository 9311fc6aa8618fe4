package dev.shardhouse.simulation;

import java.util.List;

/** What one run did: its steps, the invariants it broke (empty: none) and its trace. */
record RunResult(int steps, List<String> violations, List<String> trace) {

    boolean ok() {
        return violations.isEmpty();
    }
}
