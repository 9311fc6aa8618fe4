package dev.shardhouse.local.chaos;

import dev.shardhouse.observe.EmfLine;
import dev.shardhouse.observe.MetricUnit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.event.Level;

/** Log lines as the ingest function prints them (its EmfLine, fields as IngestHandler.failureLine sets them). */
final class FunctionLines {

    static final String NAMESPACE = ChaosScenario.metricsNamespace("events");
    static final String OTHER_NAMESPACE = ChaosScenario.metricsNamespace("events_second");

    private FunctionLines() {
    }

    /** The function's words when a held claim's replay is refused (ShardBatchProcessor's ReplayMismatchException). */
    static String refusal(String shard) {
        return "shard " + shard + ": ClickHouse now refuses the pending claim from 4960.0 to 4999.0 (Code: 469."
                + " DB::Exception: Constraint `ok_is_set` for table chaos.events is violated at row 37. Expression:"
                + " (ok = 1). Column values: ok = 0. (VIOLATED_CONSTRAINT)), and other attempts at it are open"
                + " ({a1=1, b2=1}, by table definition; this one: b2): one ran under another definition of the table and"
                + " may have stored it. Whether the claim was stored cannot be told: let the table accept these rows"
                + " (relax the constraint, or restore the definition it had) until this batch has passed";
    }

    static EmfLine batchFailed(String namespace, String shard, boolean transientFailure, String message) {
        return new EmfLine(namespace, Level.ERROR, "batch_failed")
                .dimension("Stream", "chaos")
                .metric("BatchesFailed", 1, MetricUnit.COUNT)
                .field("shard", shard)
                .field("firstSequence", "4960")
                .field("records", 40)
                .field("transient", transientFailure)
                .error(new IllegalStateException(message));
    }

    static String refused(String namespace, String shard) {
        return render(batchFailed(namespace, shard, false, refusal(shard)));
    }

    static String render(EmfLine line) {
        return line.render(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    }
}
