package dev.shardhouse.simulation;

import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.handler.ShardBatchProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs the real {@link ShardBatchProcessor} and the tracker's retirement against simulated edges, one run per call,
 * every interleaving and fault chosen by a {@link Chooser}. Not thread-safe: one run at a time per instance.
 */
final class Simulation {

    /** Something that can happen next in a run; {@code fault} events spend the run's fault budget. */
    record Event(String name, boolean fault, Runnable action) {
    }

    /** A function instance: the real processor, built as {@code IngestPipeline} builds it, on simulated edges. */
    record Instance(SimEdges edges, ShardBatchProcessor processor) {
    }

    /** Stream creation times, unique per run across every simulation in the JVM. */
    private static final AtomicLong INCARNATIONS = new AtomicLong(1_700_000_000_000L);

    private final List<Instance> pool = new ArrayList<>();

    RunResult run(SimConfig config, IntFunction<SimRecord.Kind> kinds, Chooser chooser) {
        World world = new World(config, SimStream.generate(config, kinds, INCARNATIONS.incrementAndGet()));
        pool.clear(); // a new world has new instances: nothing an earlier run's instance remembers may carry over
        try {
            return new Run(world, this::instance).play(chooser);
        } finally {
            world.scheduler.abort();
        }
    }

    RunResult seeded(SimConfig config, long seed) {
        return run(config, SimRecord.drawn(seed), Chooser.seeded(seed));
    }

    private Instance instance(int index, World world) {
        while (pool.size() <= index) {
            SimEdges edges = new SimEdges();
            edges.bind(world);
            pool.add(new Instance(edges, new ShardBatchProcessor(new RecordDecoder(), edges, edges, edges, edges, edges,
                    edges, Runnable::run)));
        }
        return pool.get(index);
    }
}
