package dev.shardhouse.simulation;

/** The worlds the suite and bin/simulate explore. */
final class SimulationBounds {

    /**
     * Exhaustive: one shard of three records (good, refused by the constraint, poison for the view) in one batch, which
     * the mapping bisects when it fails; {@code faults} faults of every kind at every step; a profile of one row per
     * insert block.
     */
    static SimConfig exhaustive(int faults) {
        return new SimConfig(3, false, 3, true, faults, 0, 0, 10_000, 3_600, 400, true, true, 1, SimConfig.SENT);
    }

    /**
     * Exhaustive with resharding and the tracker: a parent of two records and two children of one, batches of two,
     * one tracker run interleaved everywhere, {@code faults} faults.
     */
    static SimConfig exhaustiveResharded(int faults) {
        return new SimConfig(4, true, 2, true, faults, 1, 0, 10_000, 3_600, 400, true, true, 1, SimConfig.SENT);
    }

    private SimulationBounds() {
    }
}
