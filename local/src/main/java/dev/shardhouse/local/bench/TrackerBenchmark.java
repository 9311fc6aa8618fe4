package dev.shardhouse.local.bench;

import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.ClickHouseSettings;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Routing;
import dev.shardhouse.testing.CountingKinesis;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams;
import dev.shardhouse.tracker.ListedShard;
import dev.shardhouse.tracker.StreamReader;
import dev.shardhouse.tracker.Tracker;
import dev.shardhouse.tracker.TrackerConfig;
import dev.shardhouse.tracker.TrackerReport;
import dev.shardhouse.tracker.TrackerTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.kinesis.model.ScalingType;

/**
 * {@code bin/bench --tracker} (issue 14): one run of the resharding tracker on streams of hundreds to a thousand
 * shards, each with a checkpoint row. Per shard count: the first run (lineage of every shard written), a steady run
 * (nothing changed), a quiet run (every open shard's checkpoint older than the stall threshold, so each is probed),
 * and the run after the stream doubled its shards (lineage, reshard events, every parent retired), then a steady run
 * again. Each run's time, Kinesis calls, ClickHouse statements and ZooKeeper requests. Progress to stderr, the report
 * to stdout, ending with one {@code bench-tracker:} line per shard count.
 */
public final class TrackerBenchmark {

    private static final String DATABASE = "bench_tracker";
    private static final String TARGET = "events";
    /** The checkpoints' writers: the stack's ingest functions write them in parallel too. */
    private static final int WRITERS = 8;

    private final CountingKinesis kinesis = new CountingKinesis(LocalServices.kinesis());
    private final KeeperRequests keeper = new KeeperRequests(System.getenv().getOrDefault("ZOOKEEPER_CONNECT",
            "127.0.0.1:2181"));
    private final BenchDatabase database;
    private final ClickHouseSql sql;

    private TrackerBenchmark(BenchDatabase database, ClickHouseSql sql) {
        this.database = database;
        this.sql = sql;
    }

    /** Arguments: {@code [--shards 250,500,1000]} (at most 1,000: the most one CreateStream takes). */
    public static void main(String[] args) throws Exception {
        List<Integer> counts = shardCounts(args);
        List<TrackerResult> results = new ArrayList<>();
        try (BenchDatabase database = new BenchDatabase(DATABASE)) {
            database.recreate();
            ClickHouseSql sql = new ClickHouseSql(settings());
            TrackerBenchmark bench = new TrackerBenchmark(database, sql);
            for (int shards : counts) {
                results.add(bench.run(shards));
            }
        }
        TrackerResult.print(System.out, results);
    }

    private TrackerResult run(int shardCount) throws Exception {
        TestStreams streams = new TestStreams(kinesis.client());
        String streamArn = streams.create("bench-tracker-" + shardCount, shardCount);
        String load = MachineLoad.oneMinute();
        try {
            TrackerConfig config = config(streamArn, shardCount, Duration.ofMinutes(15));
            TrackerTables.createAll(sql, config);
            KeeperMapCheckpointStore store = new KeeperMapCheckpointStore(sql, DATABASE, config.checkpointTable(),
                    config.archiveTable(), CheckpointTables.pipeline(DATABASE, TARGET));
            StreamReader reader = new StreamReader(kinesis.client(), streamArn);
            StreamIdentity stream = reader.describe().stream();
            System.err.printf("bench-tracker: %d shards: writing a checkpoint for each%n", shardCount);
            checkpoint(store, stream, reader.list(stream).shards());
            Tracker tracker = Tracker.create(config, kinesis.client(), sql, Clock.systemUTC());
            List<TrackerResult.Run> runs = new ArrayList<>();
            runs.add(measure("first", tracker));
            runs.add(measure("steady", tracker));
            Tracker quiet = Tracker.create(config(streamArn, shardCount, Duration.ofMillis(1)), kinesis.client(), sql,
                    Clock.systemUTC());
            runs.add(measure("quiet", quiet));

            System.err.printf("bench-tracker: %d shards: doubling the shards, then a checkpoint for each child%n",
                    shardCount);
            kinesis.client().updateShardCount(request -> request.streamARN(streamArn).targetShardCount(2 * shardCount)
                    .scalingType(ScalingType.UNIFORM_SCALING));
            streams.awaitActive(TestStreams.nameOf(streamArn));
            checkpoint(store, stream, reader.list(stream).shards().stream().filter(shard -> !shard.closed()).toList());
            runs.add(measure("resharded", tracker));
            runs.add(measure("steady", tracker));
            return new TrackerResult(shardCount, runs, load, MachineLoad.oneMinute());
        } finally {
            streams.delete(streamArn);
        }
    }

    /**
     * A committed checkpoint for each shard, at its first position, written as the ingest function writes one: a claim,
     * then its commit record.
     */
    private void checkpoint(KeeperMapCheckpointStore store, StreamIdentity stream, List<ListedShard> shards)
            throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Boolean>> written = new ArrayList<>();
            for (ListedShard shard : shards) {
                written.add(writers.submit(() -> {
                    Checkpoint absent = Checkpoint.absent(Optional.empty());
                    PendingRange range = PendingRange.claim(store.key(stream, shard.shardId()),
                            List.of(Position.of(shard.startingSequence())), "bench", Routing.NONE, "bench");
                    Checkpoint claimed = absent.claim(range);
                    if (!store.compareAndSet(stream, shard.shardId(), absent, claimed, "bench")) {
                        return false;
                    }
                    store.commit(stream, shard.shardId(), claimed, "bench");
                    return true;
                }));
            }
            for (Future<Boolean> write : written) {
                if (!write.get()) {
                    throw new IllegalStateException("a checkpoint of the benchmark's stream existed already");
                }
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private TrackerResult.Run measure(String name, Tracker tracker) {
        kinesis.drain();
        long keeperBefore = keeper.received();
        Instant since = Instant.now();
        long started = System.nanoTime();
        TrackerReport report = tracker.run();
        double millis = (System.nanoTime() - started) / 1e6;
        long keeperRequests = keeper.received() - keeperBefore - 1; // less the mntr itself
        long statements = database.statementCosts(since, 1).stream().mapToLong(BenchDatabase.StatementCost::count).sum();
        TrackerResult.Run run = new TrackerResult.Run(name, report, millis, kinesis.drain(), statements, keeperRequests);
        System.err.printf("bench-tracker: %s%n", run);
        return run;
    }

    private static TrackerConfig config(String streamArn, int shards, Duration stallAfter) {
        String suffix = "_" + shards;
        return new TrackerConfig(settings(), streamArn, TARGET, "claims" + suffix, "claims_archive" + suffix,
                "shards" + suffix, "reshard_events" + suffix, stallAfter, "ShardhouseBench");
    }

    private static ClickHouseSettings settings() {
        return new ClickHouseSettings(LocalServices.clickHouseUrl(), "default", "", DATABASE);
    }

    private static List<Integer> shardCounts(String[] args) {
        if (args.length == 0) {
            return List.of(250, 500, 1000);
        }
        if (args.length != 2 || !args[0].equals("--shards")) {
            throw new IllegalArgumentException("usage: --tracker [--shards 250,500,1000]");
        }
        List<Integer> counts = ScaleOptions.shardCounts(args[1]);
        counts.stream().filter(shards -> shards > 1000).findFirst().ifPresent(shards -> {
            throw new IllegalArgumentException("at most 1000 shards (one CreateStream's limit), got " + shards);
        });
        return counts;
    }
}
