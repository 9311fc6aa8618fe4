package dev.shardhouse.local.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a chaos run does.
 *
 * @param stream                 the stream's name, created by the run (and deleted and created again halfway)
 * @param database               database of the target, checkpoint and error tables
 * @param table                  target table, created by the run
 * @param checkpointTable        the function's KeeperMap checkpoint table
 * @param records                records produced in all, both generations of the stream together
 * @param shards                 shards of the stream when it is created (each time)
 * @param recreatedShare         share of the records produced into the recreated stream, 0 to 0.5
 * @param batchSize              the mapping's BatchSize
 * @param seed                   seed of the mapping's chaos draws
 * @param scheduledFaults        faults injected while the first stream is read (see {@link FaultPlan})
 * @param killsAfterRecreate     invocations killed between insert and checkpoint on the recreated stream
 * @param deliveryChaos          probability per batch of each delivery fault: whole and overlapping
 *                               redeliveries, the batch delivered twice at the same time
 * @param parallelBatches        probability per batch that the mapping delivers a shard's next two batches at once,
 *                               as ParallelizationFactor 2 would (the stack refuses it; 0 unless showing why)
 * @param functionEnvironments   function instances (concurrent invocations)
 * @param settleTimeout          how long a phase waits for its last records after the producer finished
 */
record ChaosSettings(String stream, String database, String table, String checkpointTable, int records, int shards,
                     double recreatedShare, int batchSize, long seed, Map<FaultKind, Integer> scheduledFaults,
                     int killsAfterRecreate, double deliveryChaos, double parallelBatches, int functionEnvironments,
                     Duration settleTimeout) {

    ChaosSettings {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(checkpointTable, "checkpointTable");
        Objects.requireNonNull(settleTimeout, "settleTimeout");
        scheduledFaults = Map.copyOf(scheduledFaults);
        require(records >= 10, "records must be at least 10, not " + records);
        require(shards >= 1 && shards <= 64, "shards must be 1 to 64, not " + shards);
        require(recreatedShare > 0 && recreatedShare <= 0.5, "the recreated stream's share must be above 0 and at most 0.5");
        require(batchSize >= 1 && batchSize <= 10_000, "batch size must be 1 to 10000, not " + batchSize);
        require(deliveryChaos >= 0 && deliveryChaos <= 1, "delivery chaos must be a probability, not " + deliveryChaos);
        require(parallelBatches >= 0 && parallelBatches <= 1, "parallel batches must be a probability, not " + parallelBatches);
        require(functionEnvironments >= 1, "function environments must be at least 1");
        require(killsAfterRecreate >= 0, "kills after the recreation must not be negative");
        scheduledFaults.forEach((kind, count) -> require(FaultPlan.scheduled(kind) && count >= 0
                        && (count <= 1 || !kind.changesTable()), kind.label() + " cannot be scheduled " + count + " times"));
    }

    int recordsOfRecreatedStream() {
        return Math.max(1, (int) Math.round(records * recreatedShare));
    }

    int recordsOfFirstStream() {
        return records - recordsOfRecreatedStream();
    }

    boolean stopsSharedServices() {
        return scheduledFaults.entrySet().stream().anyMatch(e -> e.getKey().stopsSharedService() && e.getValue() > 0);
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
