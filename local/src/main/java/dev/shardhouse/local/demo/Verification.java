package dev.shardhouse.local.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A run's verdict: every record produced is stored exactly once, in the target table or in the error table.
 * {@code unexpected} are stored records the producer never saw accepted: with Kinesis faulted they can be a
 * PutRecords call that failed on the client after Kinesis took it (neither lost nor duplicated); without, a bug.
 *
 * @param produced     what the producer put (Kinesis accepted)
 * @param stored       distinct records in either table, unexpected ones included
 * @param inTable      records produced that the target table holds
 * @param inErrorTable records produced that the error table holds
 * @param missing      records produced and stored nowhere, in stream order
 * @param duplicated   records produced and stored more than once, with their row counts, in stream order
 * @param unexpected   records stored but never produced, in stream order
 */
public record Verification(int produced, int stored, int inTable, int inErrorTable, List<RecordKey> missing,
                           List<String> duplicated, List<RecordKey> unexpected) {

    private static final int LISTED = 20;

    public Verification {
        missing = List.copyOf(missing);
        duplicated = List.copyOf(duplicated);
        unexpected = List.copyOf(unexpected);
    }

    /**
     * @param produced what the producer put (Kinesis accepted)
     * @param inTarget how many rows of each record the target table holds
     * @param inErrors how many rows of each record the error table holds
     */
    public static Verification of(Set<RecordKey> produced, Map<RecordKey, Integer> inTarget,
                                  Map<RecordKey, Integer> inErrors) {
        List<RecordKey> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        int inTable = 0;
        int inErrorTable = 0;
        for (RecordKey key : new TreeSet<>(produced)) {
            int target = inTarget.getOrDefault(key, 0);
            int errors = inErrors.getOrDefault(key, 0);
            inTable += target > 0 ? 1 : 0;
            inErrorTable += errors > 0 ? 1 : 0;
            if (target + errors == 0) {
                missing.add(key);
            } else if (target + errors > 1) {
                duplicated.add(key + " (" + target + " in the table, " + errors + " in the error table)");
            }
        }
        Set<RecordKey> stored = new TreeSet<>(inTarget.keySet());
        stored.addAll(inErrors.keySet());
        Set<RecordKey> unexpected = new TreeSet<>(stored);
        unexpected.removeAll(produced);
        return new Verification(produced.size(), stored.size(), inTable, inErrorTable, missing, duplicated,
                List.copyOf(unexpected));
    }

    /** Every record produced is stored exactly once. */
    public boolean exactlyOnce() {
        return missing.isEmpty() && duplicated.isEmpty();
    }

    /** Every record produced is stored exactly once, and nothing else is stored. */
    public boolean passed() {
        return exactlyOnce() && unexpected.isEmpty();
    }

    /** What to print: a one-line success, or a one-line failure and the {@link #discrepancies()}. */
    public List<String> describe() {
        if (passed()) {
            return List.of("PASSED: all " + produced + " records produced are stored exactly once, nothing else is stored");
        }
        List<String> lines = new ArrayList<>();
        lines.add("FAILED: " + produced + " records produced, " + stored + " distinct records stored");
        lines.addAll(discrepancies());
        return lines;
    }

    /** Every kind of discrepancy found, with the first 20 records of each. */
    public List<String> discrepancies() {
        List<String> lines = new ArrayList<>();
        section(lines, "missing (stored nowhere)", missing.stream().map(RecordKey::toString).toList());
        section(lines, "duplicated", duplicated);
        section(lines, "stored but never produced", unexpected.stream().map(RecordKey::toString).toList());
        return lines;
    }

    private static void section(List<String> lines, String title, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        lines.add("  " + keys.size() + " " + title + ":");
        keys.stream().limit(LISTED).forEach(key -> lines.add("    " + key));
        if (keys.size() > LISTED) {
            lines.add("    ... and " + (keys.size() - LISTED) + " more");
        }
    }
}
