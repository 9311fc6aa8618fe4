package dev.shardhouse.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of one run, as printed for a failing seed. Tokens and claim ids are random UUIDs in the real code; they are
 * printed by order of first appearance (T1, T2, …) so that a replay prints the same trace.
 */
final class Trace {

    private final List<String> lines = new ArrayList<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private int step;

    void step(String event) {
        step++;
        lines.add(String.format("%4d %s", step, event));
    }

    void note(String detail) {
        lines.add("       " + detail);
    }

    String token(String token) {
        return tokens.computeIfAbsent(token, t -> "T" + (tokens.size() + 1));
    }

    int steps() {
        return step;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
