package dev.shardhouse.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Every run of a bounded world, depth first: each run follows a prefix of choices and then always the first event;
 * the next prefix is the last choice that had an untried alternative, plus one. A failing run is named by its path,
 * which {@link #replay} repeats exactly.
 */
final class Explorer {

    /** What an exploration covered; {@code complete} unless it stopped at the run budget or a violation. */
    record Outcome(long runs, long steps, boolean complete, List<Integer> failingPath, RunResult failure) {
    }

    /** Follows a path of choices, then the first event, recording each choice and how many there were. */
    private static final class PathChooser implements Chooser {
        private final List<Integer> prefix;
        private final List<Integer> choices = new ArrayList<>();
        private final List<Integer> sizes = new ArrayList<>();

        PathChooser(List<Integer> prefix) {
            this.prefix = prefix;
        }

        @Override
        public int choose(List<Simulation.Event> events) {
            int at = choices.size();
            int choice = at < prefix.size() ? prefix.get(at) : 0;
            if (choice >= events.size()) {
                throw new IllegalStateException("replay diverged at choice " + at + ": " + events.size()
                        + " events possible, path says " + choice);
            }
            choices.add(choice);
            sizes.add(events.size());
            return choice;
        }
    }

    private Explorer() {
    }

    static Outcome explore(Simulation simulation, SimConfig config, IntFunction<SimRecord.Kind> kinds, long maxRuns) {
        List<Integer> prefix = List.of();
        long runs = 0;
        long steps = 0;
        while (true) {
            PathChooser chooser = new PathChooser(prefix);
            RunResult result = simulation.run(config, kinds, chooser);
            runs++;
            steps += result.steps();
            if (!result.ok()) {
                return new Outcome(runs, steps, false, List.copyOf(chooser.choices), result);
            }
            int last = chooser.choices.size() - 1;
            while (last >= 0 && chooser.choices.get(last) + 1 >= chooser.sizes.get(last)) {
                last--;
            }
            if (last < 0) {
                return new Outcome(runs, steps, true, List.of(), null);
            }
            if (runs >= maxRuns) {
                return new Outcome(runs, steps, false, List.of(), null);
            }
            List<Integer> next = new ArrayList<>(chooser.choices.subList(0, last));
            next.add(chooser.choices.get(last) + 1);
            prefix = next;
        }
    }

    static RunResult replay(Simulation simulation, SimConfig config, IntFunction<SimRecord.Kind> kinds,
                            List<Integer> path) {
        return simulation.run(config, kinds, new PathChooser(path));
    }
}
