package dev.shardhouse.local.bench;

import static dev.shardhouse.local.bench.BenchReport.fixed;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** One scale run's figures, and the report of all runs. */
record ScaleResult(int shards, int instances, double seconds, long produced, ScaleTally tally,
                   BenchDatabase.TableFigures table, String loadAtStart, String loadAtEnd) {

    double batchesPerSecond() {
        return tally.batches() / seconds;
    }

    double recordsPerBatch() {
        return tally.batches() == 0 ? 0 : (double) tally.records() / tally.batches();
    }

    double partsPerBatch() {
        return tally.batches() == 0 ? 0 : (double) table.partsCreated() / tally.batches();
    }

    /** The {@code p}-th quantile of the invocations' latencies by nearest rank, in milliseconds; 0 without any. */
    double latencyMillis(double p) {
        double[] nanos = tally.latencyNanos().stream().mapToDouble(Long::doubleValue).toArray();
        return nanos.length == 0 ? 0 : Timings.percentile(nanos, p) / 1e6;
    }

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
            table.row(result.shards, result.instances, result.tally.batches(), fixed(1, result.batchesPerSecond()),
                    fixed(1, result.recordsPerBatch()), fixed(1, result.latencyMillis(0.5)),
                    fixed(1, result.latencyMillis(0.99)), result.table.partsCreated(), fixed(2, result.partsPerBatch()),
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
            out.printf(Locale.ROOT, "bench-scale: shards=%d batches_per_s=%s parts_per_batch=%s p99_ms=%s"
                            + " too_many_parts=%d lost=%d duplicated=%d%n", result.shards,
                    fixed(1, result.batchesPerSecond()), fixed(2, result.partsPerBatch()),
                    fixed(1, result.latencyMillis(0.99)), result.tally.tooManyParts(), result.table.lost(),
                    result.table.duplicated());
        }
    }
}
