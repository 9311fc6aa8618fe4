package dev.shardhouse.local.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.handler.IngestHandler;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/bench --scale} (issue 14): many shards into one table. Each of N shards receives records at a steady
 * rate; a pool of function instances (one handler each, as Lambda runs one environment per concurrent batch) works
 * the shards' batches, one batch per shard at a time, the way the event source mapping delivers them; every insert
 * goes into one MergeTree table. Reported per N: batches and their size, invocation latency p50/p99, parts the inserts
 * created (ClickHouse's own count), active parts at the end, TOO_MANY_PARTS refusals, and lost and duplicated
 * records. Progress to stderr, the report to stdout, ending with one {@code bench-scale:} line per N.
 */
public final class ScaleBenchmark {

    private static final String DATABASE = "bench_scale";
    private static final long TICK_MILLIS = 100;

    private ScaleBenchmark() {
    }

    /** Arguments: {@code [--shards 64,128,256] [--seconds 60] [--records 10] [--instances 16] [--record-bytes 200]}. */
    public static void main(String[] args) throws Exception {
        ScaleOptions options = ScaleOptions.parse(args);
        TestStreams streams = new TestStreams(LocalServices.kinesis());
        String streamArn = streams.create("bench-scale", 1); // its identity only: the batches are made here
        List<ScaleResult> results = new ArrayList<>();
        PrintStream report = System.out;
        // The function instances' log lines (one per batch, on stdout as Lambda expects) would bury the report.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (BenchDatabase database = new BenchDatabase(DATABASE)) {
            database.recreate();
            for (int shards : options.shards()) {
                results.add(run(options, shards, database, streamArn));
            }
        } finally {
            System.setOut(report);
            streams.delete(streamArn);
        }
        ScaleResult.print(report, options, results);
    }

    private static ScaleResult run(ScaleOptions options, int shardCount, BenchDatabase database, String streamArn)
            throws Exception {
        String table = "events_" + shardCount;
        database.createEventsTable(table);
        int instances = Math.min(shardCount, options.instances());
        System.err.printf("bench-scale: %d shards, %d records each per second for %d s, %d function instances%n",
                shardCount, options.recordsPerSecond(), options.seconds(), instances);
        List<ScaleShard> shards = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            shards.add(new ScaleShard(i, id -> SampleRecords.json(id, options.recordBytes())));
        }
        BlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
        boolean[] inFlight = new boolean[shardCount];
        ScaleTally tally = new ScaleTally();
        ExecutorService workers = Executors.newFixedThreadPool(instances);
        List<Future<?>> running = new ArrayList<>();
        String load = MachineLoad.oneMinute();
        for (int i = 0; i < instances; i++) {
            IngestHandler handler = ShardhouseHandlers.create(DATABASE, table, "claims_" + shardCount);
            running.add(workers.submit(() -> work(handler, shards, ready, inFlight, tally, streamArn)));
        }
        long started = System.nanoTime();
        long ticks = options.seconds() * 1000L / TICK_MILLIS;
        for (long tick = 0; tick < ticks; tick++) {
            long due = started + TimeUnit.MILLISECONDS.toNanos(tick * TICK_MILLIS);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            // Each shard's second begins at its own tenth of a second, as producers do not write in step.
            for (int s = (int) (tick % 10); s < shardCount; s += 10) {
                synchronized (shards.get(s)) {
                    shards.get(s).arrive(options.recordsPerSecond());
                    if (!inFlight[s]) {
                        inFlight[s] = true;
                        ready.add(s);
                    }
                }
            }
        }
        double producingSeconds = (System.nanoTime() - started) / 1e9;
        // Drain: every record produced must be delivered before the table is checked.
        ready.add(-1);
        for (Future<?> worker : running) {
            worker.get();
        }
        workers.shutdown();
        long produced = (long) shardCount * options.recordsPerSecond() * ticks / 10;
        return new ScaleResult(shardCount, instances, producingSeconds, produced, tally,
                database.tableFigures(table, produced), load, MachineLoad.oneMinute());
    }

    /** One function instance: takes ready shards and delivers their waiting records until told to stop. */
    private static Void work(IngestHandler handler, List<ScaleShard> shards, BlockingQueue<Integer> ready,
                             boolean[] inFlight, ScaleTally tally, String streamArn) throws InterruptedException {
        while (true) {
            Integer next = ready.take();
            if (next < 0) {
                ready.add(next); // the stop sign, for the other instances
                if (drain(handler, shards, inFlight, tally, streamArn)) {
                    return null;
                }
                continue;
            }
            deliver(handler, shards.get(next), tally, streamArn);
            synchronized (shards.get(next)) {
                inFlight[next] = false;
            }
        }
    }

    /** After the producers stopped: delivers what any idle shard still holds; true once nothing is left anywhere. */
    private static boolean drain(IngestHandler handler, List<ScaleShard> shards, boolean[] inFlight, ScaleTally tally,
                                 String streamArn) throws InterruptedException {
        boolean anyLeft = false;
        for (int s = 0; s < shards.size(); s++) {
            ScaleShard shard = shards.get(s);
            synchronized (shard) {
                if (inFlight[s] || !shard.hasWaiting()) {
                    anyLeft |= inFlight[s];
                    continue;
                }
                inFlight[s] = true;
            }
            deliver(handler, shard, tally, streamArn);
            synchronized (shard) {
                inFlight[s] = false;
            }
            anyLeft = true;
        }
        if (anyLeft) {
            Thread.sleep(TICK_MILLIS);
        }
        return !anyLeft;
    }

    /** One batch of the shard, retried as the mapping retries a failed batch, until it goes through. */
    private static void deliver(IngestHandler handler, ScaleShard shard, ScaleTally tally, String streamArn)
            throws InterruptedException {
        KinesisEvent batch;
        synchronized (shard) {
            batch = shard.nextBatch(streamArn);
        }
        while (true) {
            long start = System.nanoTime();
            try {
                handler.handleRequest(batch, null);
                tally.succeeded(batch.getRecords().size(), System.nanoTime() - start);
                break;
            } catch (RuntimeException e) {
                tally.failed(ClickHouseFailure.of(e).message());
                Thread.sleep(TICK_MILLIS);
            }
        }
        synchronized (shard) {
            shard.acknowledge(batch);
        }
    }
}
