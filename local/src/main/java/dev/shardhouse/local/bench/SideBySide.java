package dev.shardhouse.local.bench;

import java.util.List;

/**
 * Runs contenders on the same batches, round by round, each contender once per round on that round's batch, the
 * order rotating so none is always first (or always right after another's insert). Record ids continue across
 * calls, so every batch is new data with higher sequence numbers than the last.
 */
final class SideBySide {

    private final List<Contender> contenders;
    private long nextId = 1;

    SideBySide(List<Contender> contenders) {
        this.contenders = List.copyOf(contenders);
    }

    List<String> names() {
        return contenders.stream().map(Contender::name).toList();
    }

    Timings run(Scenario scenario, int rounds) throws Exception {
        Timings timings = new Timings(names(), rounds);
        for (int round = 0; round < rounds; round++) {
            Batch batch = Batch.generate(nextId, scenario.batchSize(), scenario.recordBytes());
            nextId += batch.size();
            for (int turn = 0; turn < contenders.size(); turn++) {
                Contender contender = contenders.get((round + turn) % contenders.size());
                Contender.Run run = contender.prepare(batch);
                long cpuStart = ProcessCpu.nanos();
                long start = System.nanoTime();
                run.execute();
                long elapsed = System.nanoTime() - start;
                timings.record(contender.name(), round, elapsed, ProcessCpu.nanos() - cpuStart);
            }
        }
        return timings;
    }

    /** How many records each contender has been given so far. */
    long recordsSent() {
        return nextId - 1;
    }
}
