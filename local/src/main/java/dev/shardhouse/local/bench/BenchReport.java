package dev.shardhouse.local.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Prints the benchmark's tables, the targets met or missed, and the one-line summary that ends the output. */
final class BenchReport {

    static final String RAW = "raw";
    static final String JDBC = "jdbc";
    static final String SHARDHOUSE = "shardhouse";
    static final int HEADLINE_BATCH = 10_000;

    private final List<ScenarioResult> throughput;
    private final List<BenchDatabase.StatementCost> serverCosts;
    private final HeapSweep.Result heap;
    private final List<ColdStart.Sample> coldStarts;
    private final OptionalLong coldStartMillis;
    private final List<MicroBenchmarks.Result> micro;

    BenchReport(List<ScenarioResult> throughput, List<BenchDatabase.StatementCost> serverCosts, HeapSweep.Result heap,
                List<ColdStart.Sample> coldStarts, List<MicroBenchmarks.Result> micro) {
        this.throughput = throughput;
        this.serverCosts = serverCosts;
        this.heap = heap;
        this.coldStarts = coldStarts;
        this.coldStartMillis = coldStarts.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(Math.round(medianMillis(coldStarts)));
        this.micro = micro;
    }

    void print(PrintStream out) {
        out.println();
        out.println("1. Throughput: each round, the same new batch through all three, order rotating; median of rounds.");
        out.println("   x raw / x jdbc: median over rounds of (their time / this one's time); > 1 means faster.");
        out.println("   cpu ms: CPU time of the benchmark JVM (all its threads, collector included) per batch: the client");
        out.println("   side's cost, which the machine's other load disturbs far less than wall time.");
        out.println("   ms/batch is the rounds' median (p50); p99 ms their 99th percentile by nearest rank (with under 100");
        out.println("   rounds, the slowest round).");
        TextTable table = new TextTable("batch", "path", "rounds", "ms/batch", "p99 ms", "records/s", "MB/s", "x raw",
                "x jdbc", "cpu ms");
        for (ScenarioResult result : throughput) {
            for (String contender : List.of(RAW, JDBC, SHARDHOUSE)) {
                table.row(result.scenario().label(), contender, result.rounds(),
                        fixed(1, result.timings().medianSeconds(contender) * 1000),
                        fixed(1, result.timings().percentileSeconds(contender, 0.99) * 1000),
                        String.format(Locale.ROOT, "%,.0f", result.recordsPerSecond(contender)),
                        fixed(1, result.megabytesPerSecond(contender)),
                        fixed(2, result.timings().speedup(contender, RAW)),
                        fixed(2, result.timings().speedup(contender, JDBC)),
                        fixed(1, result.timings().medianCpuMillis(contender)));
            }
        }
        table.print(out);

        out.println();
        out.println("2. Shardhouse handler stages, median ms per batch (from its log line; checkpoint = exactly-once"
                + " bookkeeping: the time the batch waits on KeeperMap for its read, claim and commit; map includes"
                + " the wait for the table's definition that outlasts the decoding).");
        TextTable stages = new TextTable("batch", "decode", "map", "insert", "checkpoint", "total");
        for (ScenarioResult result : throughput) {
            stages.row(result.scenario().label(), fixed(2, result.handlerMedian(BatchLog::decode)),
                    fixed(2, result.handlerMedian(BatchLog::map)), fixed(2, result.handlerMedian(BatchLog::insert)),
                    fixed(2, result.handlerMedian(BatchLog::checkpoint)), fixed(2, result.handlerMedian(BatchLog::total)));
        }
        stages.print(out);
        if (!serverCosts.isEmpty()) {
            out.println();
            out.println("   ClickHouse's side of the same statements (system.query_log, all batch sizes; medians):");
            TextTable server = new TextTable("statement", "count", "server ms", "server cpu ms");
            serverCosts.forEach(cost -> server.row(cost.statement(), cost.count(), fixed(1, cost.medianMillis()),
                    fixed(1, cost.medianCpuMillis())));
            server.print(out);
        }

        out.println();
        out.println(coldStartSection(coldStarts));
        out.printf(Locale.ROOT, "4. Heap: smallest -Xmx completing a %,d-record batch of %.1f MiB payload (its event held"
                        + " throughout): %d MiB (peak use in that run %.1f MiB; budget 2 x payload + 64 MiB = %.1f MiB)%n",
                HEADLINE_BATCH, heap.payloadBytes() / HeapSweep.MIB, heap.smallestXmxMb(),
                heap.peakBytes() / HeapSweep.MIB, heap.budgetMb());

        out.println();
        out.println("5. Microbenchmarks (JMH, no I/O), user records per second:");
        TextTable microTable = new TextTable("benchmark", "record B", "records/s", "+/-");
        for (MicroBenchmarks.Result result : micro) {
            microTable.row(result.benchmark(), result.recordBytes(), String.format(Locale.ROOT, "%,.0f", result.recordsPerSecond()),
                    Double.isNaN(result.error()) ? "n/a" : String.format(Locale.ROOT, "%,.0f", result.error()));
        }
        microTable.print(out);

        out.println();
        out.println("Targets at " + String.format(Locale.ROOT, "%,d", HEADLINE_BATCH) + "-record batches (worst record size):");
        target(out, "handler >= 0.85 x raw insert", ratioVsRaw() >= 0.85, fixed(2, ratioVsRaw()));
        target(out, "handler >= 3 x hand-written JDBC Lambda", ratioVsJdbc() >= 3, fixed(2, ratioVsJdbc()));
        target(out, "bookkeeping <= 5 ms per batch", bookkeepingMillis() <= 5, fixed(2, bookkeepingMillis()) + " ms");
        target(out, "cold start <= 1.5 s", coldStartMillis.isPresent() ? coldStartMillis.getAsLong() <= 1500 : null,
                coldStartMillis.isPresent() ? coldStartMillis.getAsLong() + " ms" : "pending");
        target(out, "heap <= 2 x payload + 64 MiB", heap.smallestXmxMb() <= heap.budgetMb(), heap.smallestXmxMb() + " MiB");
        out.println();
        out.println(summaryLine());
    }

    /** The report of a {@code --cold-start-only} run: section 3 and a summary line of the cold start alone. */
    static void printColdStartOnly(PrintStream out, List<ColdStart.Sample> coldStarts) {
        out.println(coldStartSection(coldStarts));
        out.println();
        out.println("bench: cold_start_ms=" + Math.round(medianMillis(coldStarts)));
    }

    private static String coldStartSection(List<ColdStart.Sample> coldStarts) {
        return String.format(Locale.ROOT, "3. Cold start (process start to first batch of %d committed, through the Lambda"
                        + " runtime client): %s", ColdStart.BATCH_RECORDS, coldStarts.isEmpty() ? "pending"
                        : "median " + Math.round(medianMillis(coldStarts)) + " ms of "
                        + coldStarts.stream().map(ColdStart.Sample::millis).toList()
                        + " ms; the handler's work on the batch itself: median " + fixed(0, Timings.median(
                                coldStarts.stream().mapToDouble(ColdStart.Sample::batchMillis).toArray())) + " ms");
    }

    private static double medianMillis(List<ColdStart.Sample> coldStarts) {
        return Timings.median(coldStarts.stream().mapToDouble(ColdStart.Sample::millis).toArray());
    }

    /** {@code bench: ratio_vs_raw=0.91 ratio_vs_jdbc=3.4 bookkeeping_ms=2.1 cold_start_ms=1100 heap_mb=41}. */
    String summaryLine() {
        return String.format(Locale.ROOT, "bench: ratio_vs_raw=%.2f ratio_vs_jdbc=%.1f bookkeeping_ms=%.1f cold_start_ms=%s heap_mb=%d",
                ratioVsRaw(), ratioVsJdbc(), bookkeepingMillis(),
                coldStartMillis.isPresent() ? String.valueOf(coldStartMillis.getAsLong()) : "pending",
                heap.smallestXmxMb());
    }

    private double ratioVsRaw() {
        return headline().mapToDouble(result -> result.timings().speedup(SHARDHOUSE, RAW)).min().orElseThrow();
    }

    private double ratioVsJdbc() {
        return headline().mapToDouble(result -> result.timings().speedup(SHARDHOUSE, JDBC)).min().orElseThrow();
    }

    private double bookkeepingMillis() {
        return headline().mapToDouble(result -> result.handlerMedian(BatchLog::checkpoint)).max().orElseThrow();
    }

    private Stream<ScenarioResult> headline() {
        return throughput.stream().filter(result -> result.scenario().batchSize() == HEADLINE_BATCH);
    }

    private static void target(PrintStream out, String target, Boolean met, String measured) {
        out.printf("  [%s] %s: %s%n", met == null ? "pending" : met ? "met" : "MISSED", target, measured);
    }

    static String fixed(int decimals, double value) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
