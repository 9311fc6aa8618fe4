package dev.shardhouse.local.chaos;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.ClickHouseSettings;
import dev.shardhouse.config.Environment;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.config.Setting;
import dev.shardhouse.handler.IngestHandler;
import dev.shardhouse.handler.IngestPipeline;
import dev.shardhouse.local.chaos.ValueCheck.StoredRow;
import dev.shardhouse.local.mapping.Chaos;
import dev.shardhouse.local.runtime.FunctionConfig;
import dev.shardhouse.local.runtime.InProcessInvoker;
import dev.shardhouse.local.mapping.LocalEventSourceMapping;
import dev.shardhouse.local.mapping.MappingReport;
import dev.shardhouse.local.mapping.MappingSettings;
import dev.shardhouse.local.demo.RecordKey;
import dev.shardhouse.local.demo.Resharder;
import dev.shardhouse.local.demo.Verification;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.FaultyCheckpointStore.Fault;
import dev.shardhouse.tracker.Tracker;
import dev.shardhouse.tracker.TrackerConfig;
import dev.shardhouse.tracker.TrackerTables;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A chaos run: the real ingest handler behind the local event source mapping, records flowing into a new stream
 * while the planned faults are injected, then the stream deleted and created again under the same name and more
 * records produced into it, and at the end every acknowledged record looked up in the tables and every stored row
 * compared with its record. Two pipelines read the stream, each with its own mapping, function instances and target
 * table, sharing the checkpoint table: the first one's table is changed while it runs, the second is left alone. The
 * resharding tracker runs every few seconds, retiring checkpoints as it would in AWS. An operator reads the function's
 * log and does what the function asks when the changed table holds a shard ({@link ChaosOperator}).
 *
 * <p>The function runs in this JVM ({@link InProcessInvoker}), so an invocation can be killed exactly between its
 * insert and its checkpoint ({@link FaultyCheckpointStore}, armed as the schedule comes due). Each stream gets new
 * function instances: a function instance remembers a stream's creation time for its life, and one does not outlive
 * the mapping of a deleted stream.
 */
final class ChaosScenario {

    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    /** Ticks (5 s) both pipelines must stand at one count past the acknowledged records before a phase ends. */
    private static final int SETTLED_TICKS = 20;
    private static final Duration MID_INSERT_WAIT = Duration.ofSeconds(10);
    private static final Duration TRACKER_INTERVAL = Duration.ofSeconds(3);
    /** The function's timeout: its calls are bounded by what is left of it, and a partition outlasts it. */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);

    private final ChaosSettings settings;
    private final KinesisClient kinesis;
    private final String clickHouseUrl;
    private final ClickHouseSql sql;
    /** The pipelines' tables; the first one is changed while it runs. */
    private final List<ChaosTables> pipelines;
    private final ChaosStream stream;
    private final ServiceFaults services;
    private final NetworkFaults network;
    private final Consumer<String> log;
    /** Does what the function asks of a person when the changed table holds a shard. */
    private final ChaosOperator operator;
    private final FaultyCheckpointStore.Injections commitKills = new FaultyCheckpointStore.Injections();
    private final Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
    private long invocations;
    private long retries;
    private long failedInvocations;
    private long discardedRecords;
    private Duration longestInvocation = Duration.ZERO;
    private long overranInvocations;
    private final AtomicLong trackerRuns = new AtomicLong();
    private final AtomicLong trackerFailures = new AtomicLong();

    ChaosScenario(ChaosSettings settings, KinesisClient kinesis, ClickHouseSql sql, String clickHouseUrl,
                  ServiceFaults services, NetworkFaults network, Consumer<String> log) {
        this.settings = settings;
        this.kinesis = kinesis;
        this.clickHouseUrl = clickHouseUrl;
        this.sql = sql;
        this.pipelines = List.of(
                new ChaosTables(sql, settings.database(), settings.table(), settings.checkpointTable(), settings.stream()),
                new ChaosTables(sql, settings.database(), settings.table() + "_second", settings.checkpointTable(),
                        settings.stream()));
        this.stream = new ChaosStream(kinesis, settings.stream(), settings.shards());
        this.services = services;
        this.network = network;
        this.log = log;
        this.operator = new ChaosOperator(new HeldShards(metricsNamespace(settings.table()),
                ChaosOperator.REFUSALS_BEFORE_ACTING), pipelines.get(0), Clock.systemUTC(), log);
        for (FaultKind kind : FaultKind.values()) {
            injected.put(kind, 0L);
        }
    }

    /** Runs both phases and verifies; the stream is deleted at the end (the tables keep what was stored). */
    ChaosResult run() throws InterruptedException {
        pipelines.forEach(ChaosTables::create);
        long started = System.nanoTime();
        stream.create();
        Map<RecordKey, String> produced;
        String streamArn;
        // The operator reads the function's log as it is printed.
        try (FunctionOutputTap tap = FunctionOutputTap.install(operator::read)) {
            produced = new HashMap<>(runPhase(1, settings.recordsOfFirstStream(),
                    FaultPlan.of(settings.scheduledFaults())));
            streamArn = stream.arn();
            long oldCreation = stream.createdMillis();
            stream.recreate();
            injected.merge(FaultKind.STREAM_RECREATED, 1L, Long::sum);
            log.accept("fault: stream " + settings.stream() + " deleted and created again (creation time " + oldCreation
                    + " -> " + stream.createdMillis() + ")");
            produced.putAll(runPhase(2, settings.recordsOfRecreatedStream(),
                    FaultPlan.of(Map.of(FaultKind.KILL_BEFORE_COMMIT, settings.killsAfterRecreate()))));
        } finally {
            // kinesis-mock keeps every stream in memory, and counts their shards against an account limit.
            stream.delete();
        }
        injected.put(FaultKind.KILL_BEFORE_COMMIT, commitKills.injected());
        for (FaultKind kind : FaultKind.values()) {
            if (kind.network()) {
                injected.put(kind, network.applied(kind));
            }
        }
        log.accept(String.format("longest invocation: %.1f s of the function's %d s timeout; %d invocations overran it",
                longestInvocation.toMillis() / 1000.0, FUNCTION_TIMEOUT.toSeconds(), overranInvocations));
        if (trackerFailures.get() > 0) {
            log.accept(trackerFailures + " of " + trackerRuns + " tracker runs failed, each retried at the next interval");
        }
        List<ChaosResult.Pipeline> outcomes = new ArrayList<>();
        for (ChaosTables tables : pipelines) {
            injected.merge(FaultKind.CHECKPOINTS_RETIRED, tables.retiredCheckpoints(streamArn), Long::sum);
            log.accept("verifying " + produced.size() + " records against " + tables.table() + " and its error table");
            outcomes.add(verify(tables, produced, streamArn));
        }
        return new ChaosResult(injected, invocations, retries, failedInvocations, discardedRecords,
                recreatedBelowOld(produced.keySet()), produced.values().stream().filter(ChaosRecords::carriesAdded).count(),
                produced.values().stream().filter(ChaosRecords::refused).count(), operator.actions(), outcomes,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private ChaosResult.Pipeline verify(ChaosTables tables, Map<RecordKey, String> produced, String streamArn) {
        List<String> columns = tables.recordColumns();
        List<StoredRow> target = tables.targetRows(columns);
        List<StoredRow> errors = tables.errorRows();
        Verification verdict = Verification.of(produced.keySet(), ChaosTables.rowsPerRecord(target),
                ChaosTables.rowsPerRecord(errors));
        return new ChaosResult.Pipeline(tables.table(), verdict,
                ValueCheck.of(produced, target, errors, columns, tables.constraintHistory()),
                tables.committedByStreamCreation(streamArn));
    }

    /**
     * Produces {@code records} records of one generation of the stream while injecting the plan's faults; returns
     * the data of each record Kinesis acknowledged.
     */
    private Map<RecordKey, String> runPhase(int generation, int records, FaultPlan plan) throws InterruptedException {
        ChaosProducer producer = new ChaosProducer(kinesis, settings.stream(), pipelines.get(0), generation, records);
        Thread producing = new Thread(producer, "chaos-producer-" + generation);
        List<FaultPlan.Planned> pending = new ArrayList<>(plan.faults());
        log.accept(String.format("stream %s, generation %d: %d records into %d shards; planned faults: %s",
                settings.stream(), generation, records, settings.shards(), plan.describe()));
        List<PipelineRun> runs = new ArrayList<>();
        Tracker tracker = tracker();
        // On a thread of its own: a tracker run makes Kinesis calls per shard, which must not hold up the faults.
        ScheduledExecutorService tracking = Executors.newSingleThreadScheduledExecutor(runnable ->
                new Thread(runnable, "chaos-tracker-" + generation));
        try {
            for (int i = 0; i < pipelines.size(); i++) {
                runs.add(new PipelineRun(pipelines.get(i).table(), settings.seed() + generation + 1_000L * i));
            }
            runs.forEach(run -> run.mapping.start());
            producing.start();
            long nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
            tracking.scheduleWithFixedDelay(() -> retireCheckpoints(tracker), TRACKER_INTERVAL.toMillis(),
                    TRACKER_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            long settleDeadline = Long.MAX_VALUE;
            int settledTicks = 0;
            while (true) {
                Thread.sleep(TICK.toMillis());
                // The slower pipeline sets the pace: a fault due by records committed waits for both.
                LongSummaryStatistics counts = runs.stream()
                        .mapToLong(run -> run.mapping.report().recordsCommitted()).summaryStatistics();
                long committed = counts.getMin();
                // Read before the count, so that once the producer has finished the count is its last.
                boolean producedAll = !producing.isAlive();
                int acknowledged = producer.puts().acknowledgedCount();
                double producedShare = (double) acknowledged / records;
                double committedShare = (double) committed / records;
                // Every fault that is due, in plan order: one due by records committed must not hold up one due by
                // records produced, which the producer may be about to finish.
                for (Iterator<FaultPlan.Planned> due = pending.iterator(); due.hasNext(); ) {
                    FaultPlan.Planned fault = due.next();
                    if (fault.due(producedShare, committedShare)) {
                        due.remove();
                        inject(fault.kind(), runs.get(0).invoker);
                    }
                }
                operator.act();
                if (System.nanoTime() > nextProgress) {
                    runs.forEach(run -> progress(generation, records, producer, run));
                    nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
                }
                // Records of a PutRecords call that failed may be in the stream too: wait for them, or, where they
                // never landed, for both pipelines to stand at the same count (they read the same stream) a while.
                settledTicks = committed >= acknowledged && committed == counts.getMax() ? settledTicks + 1 : 0;
                if (producedAll && pending.isEmpty() && (committed >= acknowledged + producer.puts().unconfirmedCount()
                        || settledTicks >= SETTLED_TICKS)) {
                    break;
                }
                if (producedAll && settleDeadline == Long.MAX_VALUE) {
                    settleDeadline = System.nanoTime() + settings.settleTimeout().toNanos();
                }
                if (System.nanoTime() > settleDeadline) {
                    log.accept("gave up waiting " + settings.settleTimeout().toSeconds() + " s for the last records: verifying");
                    break;
                }
            }
            runs.forEach(run -> run.mapping.close());
            tracking.shutdown();
            tracking.awaitTermination(1, TimeUnit.MINUTES);
            // Checkpoints of a finished phase are retired too (the parents of the reshard, or the old stream's).
            retireCheckpoints(tracker);
            int unfired = commitKills.disarm();
            if (unfired > 0) {
                log.accept(unfired + " kills between insert and checkpoint were armed but no commit followed: not counted");
            }
            int unmet = network.disarm();
            if (unmet > 0) {
                log.accept(unmet + " network faults were armed but met no request of theirs: not counted");
            }
            runs.forEach(run -> {
                tally(run.mapping.report());
                injected.merge(FaultKind.CONCURRENT_BATCHES, run.invoker.concurrentPairs(), Long::sum);
                if (run.invoker.longest().compareTo(longestInvocation) > 0) {
                    longestInvocation = run.invoker.longest();
                }
                overranInvocations += run.invoker.overran();
            });
            if (!producer.puts().lastError().isEmpty()) {
                log.accept("producer: " + producer.putRetries() + " puts retried; last error: " + producer.puts().lastError());
            }
            return producer.puts().acknowledgedData();
        } finally {
            tracking.shutdownNow();
            producing.interrupt();
            producing.join();
            runs.forEach(PipelineRun::close);
        }
    }

    /** One pipeline's mapping over the stream and the function instances it invokes. */
    private final class PipelineRun implements AutoCloseable {
        private final ChaosInvoker invoker;
        private final LocalEventSourceMapping mapping;
        private final String table;

        PipelineRun(String table, long seed) {
            this.table = table;
            FunctionConfig function = function(table);
            this.invoker = new ChaosInvoker(new InProcessInvoker(function, () -> handler(function),
                    settings.functionEnvironments()), settings.deliveryChaos(), seed, FUNCTION_TIMEOUT);
            this.mapping = new LocalEventSourceMapping(kinesis, settings.stream(), mappingSettings(),
                    new Chaos(seed, settings.deliveryChaos(), settings.deliveryChaos(), 0, settings.parallelBatches()),
                    invoker);
        }

        @Override
        public void close() {
            mapping.close();
            invoker.close();
        }
    }

    /**
     * One run of the resharding tracker; a service the run stopped makes it fail, and the next interval retries. What
     * it retired is counted from the archive at the end: a run can retire checkpoints and still fail afterwards.
     */
    private void retireCheckpoints(Tracker tracker) {
        trackerRuns.incrementAndGet();
        try {
            tracker.run();
        } catch (RuntimeException e) {
            if (trackerFailures.getAndIncrement() == 0) {
                log.accept("tracker run failed (the run's end counts all failures): " + e);
            }
        }
    }

    /**
     * The tracker of the stream as it is now (it reads the stream by ARN, which a recreated stream keeps), for the
     * first pipeline: each pipeline's tracker keeps to its own checkpoints.
     */
    private Tracker tracker() {
        TrackerConfig config = new TrackerConfig(new ClickHouseSettings(clickHouseUrl, "default", "", settings.database()),
                stream.arn(), settings.table(), settings.checkpointTable(), settings.checkpointTable() + "_archive",
                settings.checkpointTable() + "_shards", settings.checkpointTable() + "_reshard_events",
                Duration.ofMinutes(15), "ShardhouseChaos");
        TrackerTables.createAll(sql, config);
        return Tracker.create(config, kinesis, sql, Clock.systemUTC());
    }

    private void inject(FaultKind kind, ChaosInvoker invoker) throws InterruptedException {
        if (kind.network()) {
            network.inject(kind, Identifier.qualified(settings.database(), settings.table()),
                    Identifier.qualified(settings.database(), settings.checkpointTable()));
            log.accept("fault: " + kind.label() + (kind == FaultKind.PARTITION ? " for " + network.partitionLength().toSeconds()
                    + " s" : " armed") + " with " + invoker.inFlight() + " invocations in flight");
            return;
        }
        if (kind.changesTable()) {
            pipelines.get(0).change(kind);
            log.accept("fault: " + kind.label() + " on " + pipelines.get(0).table() + " with " + invoker.inFlight()
                    + " invocations in flight");
            injected.merge(kind, 1L, Long::sum);
            return;
        }
        switch (kind) {
            case CLICKHOUSE_KILL -> {
                int inFlight = awaitInFlight(invoker);
                log.accept("fault: SIGKILL to ClickHouse with " + inFlight + " invocations in flight");
                services.killClickHouse();
            }
            case ZOOKEEPER_RESTART -> {
                log.accept("fault: restarting ZooKeeper with " + invoker.inFlight() + " invocations in flight");
                services.restartZooKeeper();
            }
            case KILL_BEFORE_COMMIT -> commitKills.arm();
            case RESHARD -> {
                // Splits first, then merges back: the tracker's lineage sees children of one parent and of two.
                Resharder resharder = new Resharder(kinesis, settings.stream());
                boolean first = injected.getOrDefault(FaultKind.RESHARD, 0L) % 2 == 0;
                log.accept("fault: resharded under load, " + (first ? resharder.doubleShards() : resharder.halveShards()));
            }
            default -> throw new IllegalArgumentException(kind.label() + " is not injected by the schedule");
        }
        if (kind != FaultKind.KILL_BEFORE_COMMIT) {
            injected.merge(kind, 1L, Long::sum);
        }
    }

    /** Waits a little for an invocation to be running, so that the kill hits the function mid-work. */
    private static int awaitInFlight(ChaosInvoker invoker) throws InterruptedException {
        long deadline = System.nanoTime() + MID_INSERT_WAIT.toNanos();
        while (invoker.inFlight() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return invoker.inFlight();
    }

    private void tally(MappingReport report) {
        injected.merge(FaultKind.WHOLE_REDELIVERY, report.chaosWholeRedeliveries(), Long::sum);
        injected.merge(FaultKind.OVERLAPPING_REDELIVERY, report.chaosOverlappingRedeliveries(), Long::sum);
        injected.merge(FaultKind.PARALLEL_BATCHES, report.chaosConcurrentPairs(), Long::sum);
        invocations += report.invocations();
        retries += report.retries();
        failedInvocations += report.functionErrors();
        discardedRecords += report.recordsDiscarded();
    }

    private void progress(int generation, int records, ChaosProducer producer, PipelineRun run) {
        MappingReport report = run.mapping.report();
        log.accept(String.format("generation %d, %s: produced %d/%d, committed %d, invocations %d, failed %d, retries %d,"
                        + " killed before commit %d, redelivered %d+%d, concurrent %d, shards open %d",
                generation, run.table, producer.puts().acknowledgedCount(), records, report.recordsCommitted(), report.invocations(),
                report.functionErrors(), report.retries(), commitKills.injected(), report.chaosWholeRedeliveries(),
                report.chaosOverlappingRedeliveries(), run.invoker.concurrentPairs() + report.chaosConcurrentPairs(),
                report.shardsOpen()));
    }

    /**
     * Records of the recreated stream that an old checkpoint would have skipped had it applied: at or below the
     * highest sequence number the old stream had in a shard of the same id. Zero means this run could not tell.
     */
    private static long recreatedBelowOld(Set<RecordKey> produced) {
        Map<String, BigInteger> oldHighest = new HashMap<>();
        produced.stream().filter(key -> key.generation().getAsInt() == 1).forEach(key ->
                oldHighest.merge(key.shardId(), key.position().sequence(), BigInteger::max));
        return produced.stream()
                .filter(key -> key.generation().getAsInt() == 2 && oldHighest.containsKey(key.shardId()))
                .filter(key -> key.position().sequence().compareTo(oldHighest.get(key.shardId())) <= 0)
                .count();
    }

    private MappingSettings mappingSettings() {
        return MappingSettings.defaults().withBatchSize(settings.batchSize())
                .withBisectBatchOnFunctionError(true).withReportBatchItemFailures(true);
    }

    /**
     * Each pipeline's function gets a namespace of its own for its metrics, which its EMF log lines carry: in AWS each
     * function logs to its own group; here both print to this JVM's output, and the namespace tells whose a line is.
     */
    static String metricsNamespace(String table) {
        return "ShardhouseChaos/" + table;
    }

    private RequestHandler<KinesisEvent, StreamsEventResponse> handler(FunctionConfig function) {
        IngestConfig config = IngestConfig.from(new Environment(function.environment()), arn -> {
            throw new IllegalStateException("a chaos run configures no secret");
        });
        return new IngestHandler(IngestPipeline.create(config, new KinesisStreams(kinesis), FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, commitKills)));
    }

    private FunctionConfig function(String table) {
        Map<String, String> environment = new HashMap<>();
        environment.put(Setting.CLICKHOUSE_URL.name(), network.functionUrl());
        environment.put(Setting.CLICKHOUSE_DATABASE.name(), settings.database());
        environment.put(Setting.TARGET_TABLE.name(), table);
        environment.put(Setting.RECORD_FORMAT.name(), "JSON");
        environment.put(Setting.CHECKPOINT_TABLE.name(), settings.checkpointTable());
        environment.put(Setting.CHECKPOINT_ARCHIVE_TABLE.name(), settings.checkpointTable() + "_archive");
        environment.put(Setting.METRICS_NAMESPACE.name(), metricsNamespace(table));
        return new FunctionConfig("shardhouse-chaos-ingest-" + table, IngestHandler.class.getName() + "::handleRequest",
                FUNCTION_TIMEOUT, 512, kinesis.serviceClientConfiguration().region().id(), environment);
    }
}
