package dev.shardhouse.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void summaryTakesTheWorseRecordSizeOfTheHeadlineBatches() {
        BenchReport report = new BenchReport(List.of(
                // Smaller batches do not count towards the targets, however good or bad.
                result(new Scenario(1_000, 1024), 100, 900, 10, 50.0),
                result(new Scenario(10_000, 1024), 100, 400, 125, 2.5),
                result(new Scenario(10_000, 200), 100, 300, 110, 4.2)),
                List.of(), new HeapSweep.Result(72, 60L << 20, 10L << 20), List.of(new ColdStart.Sample(1300, 400), new ColdStart.Sample(1100, 300), new ColdStart.Sample(1200, 350)), List.of());

        assertEquals("bench: ratio_vs_raw=0.80 ratio_vs_jdbc=2.7 bookkeeping_ms=4.2 cold_start_ms=1200 heap_mb=72",
                report.summaryLine());
    }

    @Test
    void theReportEndsWithTheSummaryAndSaysWhichTargetsWereMissed() {
        BenchReport report = new BenchReport(List.of(result(new Scenario(10_000, 1024), 100, 400, 125, 6.0)),
                List.of(), new HeapSweep.Result(100, 90L << 20, 10L << 20), List.of(), List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals("bench: ratio_vs_raw=0.80 ratio_vs_jdbc=3.2 bookkeeping_ms=6.0 cold_start_ms=pending heap_mb=100",
                lines.get(lines.size() - 1));
        assertTrue(lines.contains("  [MISSED] handler >= 0.85 x raw insert: 0.80"), lines::toString);
        assertTrue(lines.contains("  [met] handler >= 3 x hand-written JDBC Lambda: 3.20"), lines::toString);
        assertTrue(lines.contains("  [MISSED] bookkeeping <= 5 ms per batch: 6.00 ms"), lines::toString);
        assertTrue(lines.contains("  [pending] cold start <= 1.5 s: pending"), lines::toString);
        assertTrue(lines.contains("  [MISSED] heap <= 2 x payload + 64 MiB: 100 MiB"), lines::toString);
    }

    /** One round, times in nanoseconds, and one handler log line with the given checkpoint milliseconds. */
    private static ScenarioResult result(Scenario scenario, long raw, long jdbc, long shardhouse, double checkpoint) {
        Timings timings = new Timings(List.of(BenchReport.RAW, BenchReport.JDBC, BenchReport.SHARDHOUSE), 1);
        timings.record(BenchReport.RAW, 0, raw, 0);
        timings.record(BenchReport.JDBC, 0, jdbc, 0);
        timings.record(BenchReport.SHARDHOUSE, 0, shardhouse, 0);
        return new ScenarioResult(scenario, 1, 1L << 20, timings,
                List.of(new BatchLog(scenario.batchSize(), 1, 1, 1, checkpoint, 4 + checkpoint)));
    }
}
