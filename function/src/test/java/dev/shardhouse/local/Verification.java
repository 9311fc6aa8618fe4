package dev.shardhouse.local;

import dev.shardhouse.dedup.Position;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's verdict: every record produced is stored exactly once, in the target table or in the error table,
 * and nothing else is stored. Records are identified by shard, sequence number and sub-sequence number.
 */
record Verification(int produced, int stored, List<String> missing, List<String> duplicated, List<String> unexpected) {

    /**
     * A user record's identity in the stream: its shard and its position there (a Kinesis record that is not
     * KPL-aggregated holds one user record, sub-sequence 0).
     */
    record RecordKey(String shardId, Position position) implements Comparable<RecordKey> {
        @Override
        public int compareTo(RecordKey other) {
            int byShard = shardId.compareTo(other.shardId);
            return byShard != 0 ? byShard : position.compareTo(other.position);
        }

        @Override
        public String toString() {
            return shardId + ":" + position;
        }
    }

    /**
     * @param produced what the producer put (Kinesis accepted)
     * @param inTarget how many rows of each record the target table holds
     * @param inErrors how many rows of each record the error table holds
     */
    static Verification of(Set<RecordKey> produced, Map<RecordKey, Integer> inTarget, Map<RecordKey, Integer> inErrors) {
        Set<RecordKey> stored = new TreeSet<>(inTarget.keySet());
        stored.addAll(inErrors.keySet());
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (RecordKey key : new TreeSet<>(produced)) {
            int target = inTarget.getOrDefault(key, 0);
            int errors = inErrors.getOrDefault(key, 0);
            if (target + errors == 0) {
                missing.add(key.toString());
            } else if (target + errors > 1) {
                duplicated.add(key + " (" + target + " in the table, " + errors + " in the error table)");
            }
        }
        Set<RecordKey> producedKeys = new HashSet<>(produced);
        for (RecordKey key : stored) {
            if (!producedKeys.contains(key)) {
                unexpected.add(key.toString());
            }
        }
        return new Verification(produced.size(), stored.size(), missing, duplicated, unexpected);
    }

    boolean passed() {
        return missing.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty();
    }

    /** What to print: a one-line success, or every discrepancy (the first 20 of each kind). */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (passed()) {
            lines.add("PASSED: all " + produced + " records produced are stored exactly once, nothing else is stored");
            return lines;
        }
        lines.add("FAILED: " + produced + " records produced, " + stored + " distinct records stored");
        section(lines, "missing (stored nowhere)", missing);
        section(lines, "duplicated", duplicated);
        section(lines, "stored but never produced", unexpected);
        return lines;
    }

    private static void section(List<String> lines, String title, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        lines.add("  " + keys.size() + " " + title + ":");
        keys.stream().limit(20).forEach(key -> lines.add("    " + key));
        if (keys.size() > 20) {
            lines.add("    ... and " + (keys.size() - 20) + " more");
        }
    }
}
