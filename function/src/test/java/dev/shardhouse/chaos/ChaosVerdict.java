package dev.shardhouse.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end of a chaos run: every record Kinesis accepted must be stored exactly once, in the target table or the
 * error table. {@code unexpected} are stored records the producer never saw accepted (a PutRecords call that failed
 * on the client after Kinesis took it); they are neither lost nor duplicated, and are listed apart.
 */
record ChaosVerdict(int produced, int inTable, int inErrorTable, List<RecordKey> lost, List<String> duplicated,
                    List<RecordKey> unexpected) {

    static ChaosVerdict of(Set<RecordKey> produced, Map<RecordKey, Integer> rowsInTable,
                           Map<RecordKey, Integer> rowsInErrorTable) {
        List<RecordKey> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        int inTable = 0;
        int inErrorTable = 0;
        for (RecordKey key : new TreeSet<>(produced)) {
            int table = rowsInTable.getOrDefault(key, 0);
            int errors = rowsInErrorTable.getOrDefault(key, 0);
            inTable += table > 0 ? 1 : 0;
            inErrorTable += errors > 0 ? 1 : 0;
            if (table + errors == 0) {
                lost.add(key);
            } else if (table + errors > 1) {
                duplicated.add(key + " (" + table + " rows in the table, " + errors + " in the error table)");
            }
        }
        Set<RecordKey> unexpected = new TreeSet<>(rowsInTable.keySet());
        unexpected.addAll(rowsInErrorTable.keySet());
        unexpected.removeAll(produced);
        return new ChaosVerdict(produced.size(), inTable, inErrorTable, lost, duplicated, List.copyOf(unexpected));
    }

    boolean passed() {
        return lost.isEmpty() && duplicated.isEmpty();
    }

    /** The discrepancies, the first ten of each kind. */
    List<String> details() {
        List<String> lines = new ArrayList<>();
        section(lines, "lost (stored nowhere)", lost.stream().map(RecordKey::toString).toList());
        section(lines, "duplicated", duplicated);
        section(lines, "stored but never acknowledged to the producer", unexpected.stream().map(RecordKey::toString).toList());
        return lines;
    }

    private static void section(List<String> lines, String title, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        lines.add(keys.size() + " " + title + ":");
        keys.stream().limit(10).forEach(key -> lines.add("  " + key));
        if (keys.size() > 10) {
            lines.add("  ... and " + (keys.size() - 10) + " more");
        }
    }
}
