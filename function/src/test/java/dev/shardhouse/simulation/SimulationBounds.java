package dev.shardhouse.simulation;

/** The worlds the suite and bin/simulate explore. */
final class SimulationBounds {

    /** Exhaustive: one shard of three records (good, refused by the constraint, poison for the view), one batch. */
    static final SimConfig EXHAUSTIVE = new SimConfig(3, false, 3, true, 1, 0, 10_000, 3_600, 400, true);

    private SimulationBounds() {
    }
}
