package dev.shardhouse.local.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** One scale run's figures, and the report of all runs. */
record ScaleResult(int shards, int instances, double seconds, long produced, ScaleTally tally,
                   BenchDatabase.TableFigures table, String loadAtStart, String loadAtEnd) {

    static void print(PrintStream out, ScaleOptions options, List<ScaleResult> results) {
        out.printf(Locale.ROOT, "Scale: N shards, %d records of %d B per shard per second for %d s, one MergeTree table;"
                + " synchronous inserts (the only insert mode built)%n", options.recordsPerSecond(),
                options.recordBytes(), options.seconds());
        out.println("  batches/s: batches delivered per second of arrival; records/batch grows when the instances fall"
                + " behind (the mapping batches the backlog)");
        out.println("  parts/batch: parts the inserts created (system.query_log) per batch; merges then reduce them");
        TextTable table = new TextTable("shards", "instances", "batches", "batches/s", "records/batch", "p50 ms",
                "p99 ms", "parts created", "parts/batch", "active parts", "TOO_MANY_PARTS", "other failures", "lost",
                "duplicated", "load");
        for (ScaleResult result : results) {
            long batches = result.tally.batches();
            table.row(result.shards, result.instances, batches, fixed(batches / result.seconds),
                    fixed(batches == 0 ? 0 : (double) result.tally.records() / batches),
                    fixed(ScaleBenchmark.percentile(result.tally.latencyNanos(), 0.5)),
                    fixed(ScaleBenchmark.percentile(result.tally.latencyNanos(), 0.99)),
                    result.table.partsCreated(), fixed2(batches == 0 ? 0 : (double) result.table.partsCreated() / batches),
                    result.table.activeParts(), result.tally.tooManyParts(), result.tally.otherFailures(),
                    result.table.lost(), result.table.duplicated(), result.loadAtStart + " -> " + result.loadAtEnd);
        }
        table.print(out);
        for (ScaleResult result : results) {
            if (!result.tally.firstOtherFailure().isEmpty()) {
                out.println("first other failure at " + result.shards + " shards: " + result.tally.firstOtherFailure());
            }
        }
        for (ScaleResult result : results) {
            long batches = result.tally.batches();
            out.printf(Locale.ROOT, "bench-scale: shards=%d batches_per_s=%s parts_per_batch=%s p99_ms=%s"
                            + " too_many_parts=%d lost=%d duplicated=%d%n", result.shards,
                    fixed(batches / result.seconds),
                    fixed2(batches == 0 ? 0 : (double) result.table.partsCreated() / batches),
                    fixed(ScaleBenchmark.percentile(result.tally.latencyNanos(), 0.99)), result.tally.tooManyParts(),
                    result.table.lost(), result.table.duplicated());
        }
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String fixed2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
