package dev.shardhouse.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Picks the next event of a run among those possible: the only source of the run's nondeterminism. */
interface Chooser {

    /** @return the index in {@code events} of the one to happen next */
    int choose(List<Simulation.Event> events);

    /** Seeded: a fault (of those possible) one step in ten, else any other event alike. */
    static Chooser seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return events -> {
            List<Integer> faults = new ArrayList<>();
            List<Integer> others = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                (events.get(i).fault() ? faults : others).add(i);
            }
            boolean fault = others.isEmpty() || (!faults.isEmpty() && random.nextInt(10) == 0);
            List<Integer> from = fault ? faults : others;
            return from.get(random.nextInt(from.size()));
        };
    }
}
