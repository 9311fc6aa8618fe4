package dev.shardhouse.local.chaos;

import dev.shardhouse.local.demo.Verification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a chaos run.
 *
 * @param faults               faults injected, by kind (every kind present, zero if it never happened)
 * @param invocations          function invocations, chaos deliveries included
 * @param retries              batches the mapping sent again after a failed invocation
 * @param failedInvocations    invocations that failed (the injected faults' victims)
 * @param discardedRecords     records the mapping gave up on (none with unlimited retries)
 * @param committedByCreation  records committed by the checkpoints of each creation time of the stream, oldest first
 * @param recreatedBelowOld    records of the recreated stream at or below a sequence number that the old stream's
 *                             checkpoint of the same shard id had committed: those an old checkpoint would skip
 * @param verdict              what the tables hold against what was produced
 * @param wallTime             from the first record produced to the verification
 */
record ChaosResult(Map<FaultKind, Long> faults, long invocations, long retries, long failedInvocations,
                   long discardedRecords, Map<Long, Long> committedByCreation, long recreatedBelowOld,
                   Verification verdict, Duration wallTime) {

    ChaosResult {
        faults = Map.copyOf(faults);
        committedByCreation = Collections.unmodifiableMap(new TreeMap<>(committedByCreation));
    }

    long totalFaults() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }

    long lost() {
        return verdict.missing().size();
    }

    long duplicated() {
        return verdict.duplicated().size();
    }

    boolean passed() {
        // Records stored though the producer saw their call fail are neither lost nor duplicated.
        return verdict.exactlyOnce();
    }

    /** The figures, one per line, before the summary line. */
    List<String> figures() {
        List<String> lines = new ArrayList<>();
        lines.add("records produced:        " + verdict.produced());
        lines.add("  in the table:          " + verdict.inTable());
        lines.add("  in the error table:    " + verdict.inErrorTable());
        lines.add("faults injected:         " + totalFaults());
        for (FaultKind kind : FaultKind.values()) {
            lines.add(String.format("  %-37s %d", kind.label() + ":", faults.getOrDefault(kind, 0L)));
        }
        lines.add("invocations:             " + invocations);
        lines.add("failed invocations:      " + failedInvocations);
        lines.add("retries:                 " + retries);
        lines.add("discarded records:       " + discardedRecords);
        lines.add("committed per stream creation time: " + committedByCreation);
        lines.add("recreated-stream records at or below an old checkpoint: " + recreatedBelowOld);
        lines.add("lost:                    " + lost());
        lines.add("duplicated:              " + duplicated());
        lines.add("stored, never acknowledged to the producer: " + verdict.unexpected().size());
        lines.add(String.format("wall time:               %.1f s", wallTime.toMillis() / 1000.0));
        lines.addAll(verdict.discrepancies());
        return lines;
    }

    String summaryLine() {
        return "chaos: records=" + verdict.produced() + " faults=" + totalFaults() + " lost=" + lost()
                + " duplicated=" + duplicated();
    }
}
