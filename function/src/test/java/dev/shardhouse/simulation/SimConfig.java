package dev.shardhouse.simulation;

import dev.shardhouse.insert.InsertDeduplication;
import java.util.Map;

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
 * @param trims         whether faults include a shard's oldest record aging out of the stream
 * @param profileBlockRows rows per insert block that the server's settings profile asks for, where an insert does
 *                      not set its own
 * @param insertSettings the server settings every insert sends besides its token: by default the real code's
 *                      ({@link InsertDeduplication}), on a server that knows them all
 */
record SimConfig(int records, boolean reshard, int batchSize, boolean bisect, int maxFaults, int trackerRuns,
                 int trackerEvery, int windowBlocks, int windowSeconds, int maxSteps, boolean tableChanges,
                 boolean trims, int profileBlockRows, Map<String, String> insertSettings) {

    /** What the real code sends with every insert. */
    static final Map<String, String> SENT = InsertDeduplication.forServerKnowing(InsertDeduplication.REQUIRED.keySet())
            .serverSettings();

    SimConfig {
        positive("records", records);
        positive("batchSize", batchSize);
        positive("windowBlocks", windowBlocks);
        positive("windowSeconds", windowSeconds);
        positive("maxSteps", maxSteps);
        positive("profileBlockRows", profileBlockRows);
        insertSettings = Map.copyOf(insertSettings);
        if (maxFaults < 0 || trackerRuns < 0 || trackerEvery < 0) {
            throw new IllegalArgumentException("maxFaults, trackerRuns and trackerEvery must not be negative");
        }
        if (reshard && records < 4) {
            throw new IllegalArgumentException("a resharded stream needs a record on each of its three shards");
        }
    }

    /**
     * The seeded random runs' world: big enough for every fault to meet every step, small enough to run fast; a
     * profile asking for one row per insert block, the harshest a user can set.
     */
    static SimConfig random() {
        return new SimConfig(12, true, 4, true, 4, 5, 12, 10_000, 3_600, 4_000, true, true, 1, SENT);
    }

    SimConfig withWindowBlocks(int blocks) {
        return new SimConfig(records, reshard, batchSize, bisect, maxFaults, trackerRuns, trackerEvery, blocks,
                windowSeconds, maxSteps, tableChanges, trims, profileBlockRows, insertSettings);
    }

    SimConfig withoutTableChanges() {
        return new SimConfig(records, reshard, batchSize, bisect, maxFaults, trackerRuns, trackerEvery, windowBlocks,
                windowSeconds, maxSteps, false, trims, profileBlockRows, insertSettings);
    }

    SimConfig withoutTrims() {
        return new SimConfig(records, reshard, batchSize, bisect, maxFaults, trackerRuns, trackerEvery, windowBlocks,
                windowSeconds, maxSteps, tableChanges, false, profileBlockRows, insertSettings);
    }

    SimConfig withInsertSettings(Map<String, String> settings) {
        return new SimConfig(records, reshard, batchSize, bisect, maxFaults, trackerRuns, trackerEvery, windowBlocks,
                windowSeconds, maxSteps, tableChanges, trims, profileBlockRows, settings);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
