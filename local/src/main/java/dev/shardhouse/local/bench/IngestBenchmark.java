package dev.shardhouse.local.bench;

import static dev.shardhouse.local.bench.BenchReport.HEADLINE_BATCH;

import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bin/bench}: the Shardhouse handler against a raw HTTP insert and a hand-written JDBC Lambda, on the same
 * batches into the local ClickHouse; then its heap need, cold start and JMH microbenchmarks. Progress goes to
 * stderr; the report to stdout, ending with one summary line. {@code --quick} runs fewer rounds.
 */
public final class IngestBenchmark {

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario(100, 1024), new Scenario(1_000, 1024), new Scenario(HEADLINE_BATCH, 1024),
            new Scenario(100, 200), new Scenario(1_000, 200), new Scenario(HEADLINE_BATCH, 200));
    private static final String CHECKPOINTS = "shardhouse_claims";
    private static final String COLD = "cold";

    private IngestBenchmark() {
    }

    /**
     * Arguments: {@code [--quick] [--cold-start-only] [--function-jar <the Lambda jar>]}; without the jar, cold start
     * is not measured. {@code --cold-start-only} measures the cold start alone, in a database of its own.
     */
    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        Plan plan = arguments.contains("--quick") ? Plan.QUICK : Plan.FULL;
        int jarFlag = arguments.indexOf("--function-jar");
        if (jarFlag == arguments.size() - 1) {
            throw new IllegalArgumentException("--function-jar needs the path of the function's Lambda jar");
        }
        Optional<Path> functionJar = jarFlag < 0 ? Optional.empty() : Optional.of(Path.of(arguments.get(jarFlag + 1)));
        boolean coldStartOnly = arguments.contains("--cold-start-only");
        if (coldStartOnly && functionJar.isEmpty()) {
            throw new IllegalArgumentException("--cold-start-only needs --function-jar");
        }
        String loadAtStart = MachineLoad.oneMinute();
        TestStreams streams = new TestStreams(LocalServices.kinesis());
        try (BenchDatabase database = new BenchDatabase(coldStartOnly ? BenchDatabase.COLD_START_NAME : BenchDatabase.NAME)) {
            database.recreate();
            List<String> tables = coldStartOnly ? List.of(COLD)
                    : List.of(BenchReport.RAW, BenchReport.JDBC, BenchReport.SHARDHOUSE, "heap", COLD);
            tables.forEach(database::createEventsTable);
            String streamArn = streams.create("bench", 1);
            try {
                if (coldStartOnly) {
                    List<ColdStart.Sample> coldStarts = coldStarts(plan, functionJar.get(), database, streamArn);
                    printMachine(loadAtStart);
                    BenchReport.printColdStartOnly(System.out, coldStarts);
                } else {
                    BenchReport report = measure(plan, functionJar, database, streamArn);
                    printMachine(loadAtStart);
                    report.print(System.out);
                }
            } finally {
                // kinesis-mock counts every stream's shards against one limit, shared by everything on the machine.
                streams.delete(streamArn);
            }
        }
    }

    private static void printMachine(String loadAtStart) {
        System.out.printf("Machine: %d cores, load average %s at the start, %s at the end; JVM %s %s%n",
                Runtime.getRuntime().availableProcessors(), loadAtStart, MachineLoad.oneMinute(),
                System.getProperty("java.vm.version"), ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    private static BenchReport measure(Plan plan, Optional<Path> functionJar, BenchDatabase database, String streamArn)
            throws Exception {
        Instant throughputStart = Instant.now();
        List<ScenarioResult> throughput = throughput(plan, database, streamArn);
        List<BenchDatabase.StatementCost> serverCosts = database.statementCosts(throughputStart, 10);

        progress("heap: bisecting -Xmx over child JVMs");
        HeapSweep.Result heap = new HeapSweep(database.name(), "heap", "heap_checkpoints", streamArn)
                .smallestHeap(new Scenario(HEADLINE_BATCH, 1024), 16, 256, plan.heapStepMb());

        List<ColdStart.Sample> coldStarts = List.of();
        if (functionJar.isPresent()) {
            coldStarts = coldStarts(plan, functionJar.get(), database, streamArn);
        } else {
            progress("cold start: skipped, no --function-jar");
        }

        progress("microbenchmarks: JMH");
        List<MicroBenchmarks.Result> micro = MicroBenchmarks.run(plan == Plan.QUICK);
        return new BenchReport(throughput, serverCosts, heap, coldStarts, micro);
    }

    private static List<ColdStart.Sample> coldStarts(Plan plan, Path functionJar, BenchDatabase database, String streamArn)
            throws InterruptedException {
        progress("cold start: " + plan.coldStarts() + " runtime processes of " + functionJar.getFileName());
        return new ColdStart(functionJar, database.name(), COLD, "cold_checkpoints", streamArn).measure(plan.coldStarts());
    }

    private static List<ScenarioResult> throughput(Plan plan, BenchDatabase database, String streamArn) throws Exception {
        ShardhouseContender shardhouse = new ShardhouseContender(
                ShardhouseHandlers.create(database.name(), BenchReport.SHARDHOUSE, CHECKPOINTS), streamArn);
        JdbcLambda jdbc = new JdbcLambda("jdbc:clickhouse:" + LocalServices.clickHouseUrl() + "/" + database.name(),
                BenchReport.JDBC);
        SideBySide sideBySide = new SideBySide(List.of(
                new RawHttpInsert(LocalServices.clickHouseUrl(), database.name(), BenchReport.RAW),
                new JdbcLambdaContender(jdbc, streamArn),
                shardhouse));
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            progress("throughput: " + scenario.label() + ", " + plan.warmUps(scenario) + " warm-up + "
                    + plan.rounds(scenario) + " measured rounds");
            sideBySide.run(scenario, plan.warmUps(scenario));
            shardhouse.takeLogs();
            Timings timings = sideBySide.run(scenario, plan.rounds(scenario));
            long payloadBytes = Batch.generate(1, scenario.batchSize(), scenario.recordBytes()).payloadBytes();
            results.add(new ScenarioResult(scenario, plan.rounds(scenario), payloadBytes, timings, shardhouse.takeLogs()));
        }
        checkSameRows(database, sideBySide.recordsSent());
        return results;
    }

    /** Every table must hold every record sent, and the same ones: a contender that lost rows did not win. */
    private static void checkSameRows(BenchDatabase database, long recordsSent) {
        String expected = database.contents(BenchReport.RAW);
        for (String table : List.of(BenchReport.RAW, BenchReport.JDBC, BenchReport.SHARDHOUSE)) {
            if (database.count(table) != recordsSent || !database.contents(table).equals(expected)) {
                throw new IllegalStateException("table " + table + " holds " + database.contents(table) + ", expected "
                        + recordsSent + " rows like table raw: " + expected);
            }
        }
        progress("checked: all three tables hold the same " + recordsSent + " rows");
    }

    private static void progress(String message) {
        System.err.println("bench: " + message);
    }

    /** Rounds per batch size: enough for a stable median; the batch of 10,000 costs the most per round. */
    private enum Plan {
        FULL(new int[] {10, 5, 3}, new int[] {31, 15, 9}, 8, 5),
        QUICK(new int[] {3, 2, 1}, new int[] {7, 5, 5}, 16, 3);

        private final int[] warmUps;
        private final int[] rounds;
        private final int heapStepMb;
        private final int coldStarts;

        Plan(int[] warmUps, int[] rounds, int heapStepMb, int coldStarts) {
            this.warmUps = warmUps;
            this.rounds = rounds;
            this.heapStepMb = heapStepMb;
            this.coldStarts = coldStarts;
        }

        int coldStarts() {
            return coldStarts;
        }

        int warmUps(Scenario scenario) {
            return warmUps[sizeClass(scenario)];
        }

        int rounds(Scenario scenario) {
            return rounds[sizeClass(scenario)];
        }

        int heapStepMb() {
            return heapStepMb;
        }

        private static int sizeClass(Scenario scenario) {
            return scenario.batchSize() <= 100 ? 0 : scenario.batchSize() <= 1_000 ? 1 : 2;
        }
    }
}
