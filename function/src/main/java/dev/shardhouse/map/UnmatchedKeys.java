package dev.shardhouse.map;

import java.util.List;

/**
 * How a JSON record's keys failed to match the table's columns: keys that name no column filled from the record, and
 * columns without a DEFAULT expression that no key filled. A typo'd key shows in both.
 *
 * @param unknownKeys    the keys, in record order
 * @param missingColumns the columns, in table order
 */
public record UnmatchedKeys(List<String> unknownKeys, List<String> missingColumns) {

    public static final UnmatchedKeys NONE = new UnmatchedKeys(List.of(), List.of());

    public UnmatchedKeys {
        unknownKeys = List.copyOf(unknownKeys);
        missingColumns = List.copyOf(missingColumns);
    }

    public boolean isEmpty() {
        return unknownKeys.isEmpty() && missingColumns.isEmpty();
    }
}
