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
 * @param invocations          function invocations, chaos deliveries included, both pipelines together
 * @param retries              batches the mappings sent again after a failed invocation
 * @param failedInvocations    invocations that failed (the injected faults' victims)
 * @param discardedRecords     records the mappings gave up on (none with unlimited retries)
 * @param recreatedBelowOld    records of the recreated stream at or below a sequence number that the old stream's
 *                             checkpoint of the same shard id had committed: those an old checkpoint would skip
 * @param carryingAdded        records produced after the column was added, so with a value for it
 * @param refusable            records produced after the CHECK constraint with {@code ok = 0}
 * @param operatorActions      what the harness's operator did because the function asked (see {@link ChaosOperator})
 * @param pipelines            what each pipeline's tables hold against what was produced, the changed table's first
 * @param wallTime             from the first record produced to the verification
 */
record ChaosResult(Map<FaultKind, Long> faults, long invocations, long retries, long failedInvocations,
                   long discardedRecords, long recreatedBelowOld, long carryingAdded, long refusable,
                   List<OperatorAction> operatorActions, List<Pipeline> pipelines, Duration wallTime) {

    /**
     * One pipeline's outcome.
     *
     * @param table               its target table
     * @param verdict             every record produced stored once, in the table or in the error table
     * @param values              every stored row compared with its record
     * @param committedByCreation records committed by its checkpoints of each creation time of the stream, oldest first
     */
    record Pipeline(String table, Verification verdict, ValueCheck values, Map<Long, Long> committedByCreation) {
        Pipeline {
            committedByCreation = Collections.unmodifiableMap(new TreeMap<>(committedByCreation));
        }
    }

    ChaosResult {
        faults = Map.copyOf(faults);
        operatorActions = List.copyOf(operatorActions);
        pipelines = List.copyOf(pipelines);
    }

    long totalFaults() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }

    long lost() {
        return pipelines.stream().mapToLong(pipeline -> pipeline.verdict().missing().size()).sum();
    }

    long duplicated() {
        return pipelines.stream().mapToLong(pipeline -> pipeline.verdict().duplicated().size()).sum();
    }

    long wrongValues() {
        return pipelines.stream().mapToLong(pipeline -> pipeline.values().wrongValues()).sum();
    }

    boolean passed() {
        // Records stored though the producer saw their call fail are neither lost nor duplicated.
        return lost() == 0 && duplicated() == 0 && wrongValues() == 0;
    }

    /** The figures, one per line, before the summary line. */
    List<String> figures() {
        List<String> lines = new ArrayList<>();
        lines.add("records produced:        " + pipelines.get(0).verdict().produced());
        lines.add("faults injected:         " + totalFaults());
        for (FaultKind kind : FaultKind.values()) {
            lines.add(String.format("  %-37s %d", kind.label() + ":", faults.getOrDefault(kind, 0L)));
        }
        lines.add("invocations:             " + invocations);
        lines.add("failed invocations:      " + failedInvocations);
        lines.add("retries:                 " + retries);
        lines.add("discarded records:       " + discardedRecords);
        lines.add("recreated-stream records at or below an old checkpoint: " + recreatedBelowOld);
        lines.add("records produced after the column was added: " + carryingAdded);
        lines.add("records produced for the CHECK constraint to refuse: " + refusable);
        lines.add("operator actions:        " + operatorActions.size());
        operatorActions.forEach(action -> lines.add("  " + action.describe()));
        for (Pipeline pipeline : pipelines) {
            Verification verdict = pipeline.verdict();
            lines.add("pipeline into " + pipeline.table() + ":");
            lines.add("  in the table:          " + verdict.inTable());
            lines.add("  in the error table:    " + verdict.inErrorTable());
            lines.add("  committed per stream creation time: " + pipeline.committedByCreation());
            lines.add("  lost:                  " + verdict.missing().size());
            lines.add("  duplicated:            " + verdict.duplicated().size());
            lines.add("  wrong value:           " + pipeline.values().wrongValues() + " (in the wrong table: "
                    + pipeline.values().misrouted() + ")");
            lines.add("  stored, never acknowledged to the producer: " + verdict.unexpected().size());
            verdict.discrepancies().forEach(line -> lines.add("  " + line));
            pipeline.values().examples().forEach(line -> lines.add("    " + line));
        }
        lines.add(String.format("wall time:               %.1f s", wallTime.toMillis() / 1000.0));
        return lines;
    }

    String summaryLine() {
        return "chaos: records=" + pipelines.get(0).verdict().produced() + " faults=" + totalFaults() + " lost=" + lost()
                + " duplicated=" + duplicated() + " wrong_value=" + wrongValues()
                + " operator_actions=" + operatorActions.size();
    }
}
