package dev.shardhouse.local.bench;

import static dev.shardhouse.local.bench.BenchReport.fixed;

import dev.shardhouse.tracker.TrackerReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The tracker runs at one shard count, and the report of all shard counts. */
record TrackerResult(int shards, List<Run> runs, String loadAtStart, String loadAtEnd) {

    /**
     * One tracker run.
     *
     * @param kinesisCalls   Kinesis calls by operation
     * @param statements     ClickHouse statements on the benchmark's database (system.query_log)
     * @param keeperRequests requests ZooKeeper received meanwhile (its mntr counter): the KeeperMap traffic
     */
    record Run(String name, TrackerReport report, double millis, Map<String, Long> kinesisCalls, long statements,
               long keeperRequests) {

        int listedShards() {
            return report.openShards() + report.closedShards();
        }

        long kinesisTotal() {
            return kinesisCalls.values().stream().mapToLong(Long::longValue).sum();
        }

        String kinesisByOperation() {
            return kinesisCalls.entrySet().stream().map(call -> call.getKey() + " " + call.getValue())
                    .collect(Collectors.joining(", "));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s run: %d shards listed, %.0f ms, Kinesis %s, %d statements,"
                            + " %d keeper requests, %d lineage rows, %d retired", name, listedShards(), millis,
                    kinesisByOperation(), statements, keeperRequests, report.lineageRowsWritten(),
                    report.checkpointsRetired());
        }
    }

    Run run(String name) {
        return runs.stream().filter(run -> run.name.equals(name)).findFirst().orElseThrow();
    }

    static void print(PrintStream out, List<TrackerResult> results) {
        out.println("Tracker: one run of the resharding tracker per row; each shard has a checkpoint row. first: lineage"
                + " written for every shard; steady: nothing changed; quiet: every open shard's checkpoint older than"
                + " the stall threshold, so each is probed; resharded: after the shards doubled (lineage, events, every"
                + " parent retired)");
        TextTable table = new TextTable("shards", "run", "listed", "ms", "ms/listed shard", "Kinesis calls",
                "statements", "keeper requests", "keeper/listed shard", "lineage rows", "retired", "stalled",
                "unprobed");
        for (TrackerResult result : results) {
            for (Run run : result.runs) {
                table.row(result.shards, run.name, run.listedShards(), fixed(0, run.millis),
                        fixed(2, run.millis / run.listedShards()), run.kinesisTotal(), run.statements,
                        run.keeperRequests, fixed(2, (double) run.keeperRequests / run.listedShards()),
                        run.report.lineageRowsWritten(), run.report.checkpointsRetired(),
                        run.report.stalledShards().size(), run.report.unprobedShards().size());
            }
        }
        table.print(out);
        for (TrackerResult result : results) {
            for (Run run : result.runs) {
                out.printf("%d shards, %s run, Kinesis calls: %s%n", result.shards, run.name, run.kinesisByOperation());
            }
            out.printf("%d shards: load %s -> %s%n", result.shards, result.loadAtStart, result.loadAtEnd);
        }
        for (TrackerResult result : results) {
            Run resharded = result.run("resharded");
            out.printf(Locale.ROOT, "bench-tracker: shards=%d steady_ms=%s quiet_ms=%s resharded_ms=%s"
                            + " resharded_statements=%d resharded_keeper_requests=%d retired=%d%n", result.shards,
                    fixed(0, result.run("steady").millis), fixed(0, result.run("quiet").millis),
                    fixed(0, resharded.millis), resharded.statements, resharded.keeperRequests,
                    resharded.report.checkpointsRetired());
        }
    }
}
