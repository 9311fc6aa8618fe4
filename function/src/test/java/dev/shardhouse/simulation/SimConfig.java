package dev.shardhouse.simulation;

/**
 * The bounds of a simulated world.
 *
 * @param records       user records in the stream, spread over its shards
 * @param reshard       one parent shard split into two children before the run (the children are read after the parent
 *                      ends, as the event source mapping does), so that the tracker has checkpoints to retire
 * @param batchSize     the mapping's BatchSize
 * @param bisect        the mapping's BisectBatchOnFunctionError
 * @param maxFaults     faults injected per run: failed or lost calls, timeouts, redeliveries, table changes
 * @param trackerRuns   tracker runs per run, each started whenever the schedule says once due
 * @param trackerEvery  steps from one tracker run's start until the next is due, as its schedule spaces them (0: any
 *                      time)
 * @param windowBlocks  the target and error tables' deduplication window, in blocks
 * @param windowSeconds and in seconds (each step of the run is one simulated second)
 * @param maxSteps      steps after which a run that has not delivered everything counts a shard as stuck
 * @param tableChanges  whether faults include changes of the table (its constraint, a column, its view)
 */
record SimConfig(int records, boolean reshard, int batchSize, boolean bisect, int maxFaults, int trackerRuns,
                 int trackerEvery, int windowBlocks, int windowSeconds, int maxSteps, boolean tableChanges) {

    SimConfig {
        positive("records", records);
        positive("batchSize", batchSize);
        positive("windowBlocks", windowBlocks);
        positive("windowSeconds", windowSeconds);
        positive("maxSteps", maxSteps);
        if (maxFaults < 0 || trackerRuns < 0 || trackerEvery < 0) {
            throw new IllegalArgumentException("maxFaults, trackerRuns and trackerEvery must not be negative");
        }
        if (reshard && records < 4) {
            throw new IllegalArgumentException("a resharded stream needs a record on each of its three shards");
        }
    }

    /** The seeded random runs' world: big enough for every fault to meet every step, small enough to run fast. */
    static SimConfig random() {
        return new SimConfig(12, true, 4, true, 4, 5, 12, 10_000, 3_600, 4_000, true);
    }

    SimConfig withWindowBlocks(int blocks) {
        return new SimConfig(records, reshard, batchSize, bisect, maxFaults, trackerRuns, trackerEvery, blocks,
                windowSeconds, maxSteps, tableChanges);
    }

    SimConfig withoutTableChanges() {
        return new SimConfig(records, reshard, batchSize, bisect, maxFaults, trackerRuns, trackerEvery, windowBlocks,
                windowSeconds, maxSteps, false);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
