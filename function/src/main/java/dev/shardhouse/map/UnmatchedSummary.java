package dev.shardhouse.map;

import java.util.List;
import java.util.stream.Stream;

/**
 * Unmatched keys of a batch's records, for its log line and metrics: how many keys named no column and how many
 * columns went unfilled, over all records, and the first {@link #NAMES} distinct names of each, in the order seen (enough to spot a
 * typo; a batch of arbitrary keys must not make the log line unbounded). Immutable.
 */
public record UnmatchedSummary(long unknownKeys, long missingColumns, List<String> unknownKeyNames,
                               List<String> missingColumnNames) {

    static final int NAMES = 10;

    public static final UnmatchedSummary NONE = new UnmatchedSummary(0, 0, List.of(), List.of());

    public UnmatchedSummary {
        unknownKeyNames = List.copyOf(unknownKeyNames);
        missingColumnNames = List.copyOf(missingColumnNames);
    }

    /** This summary with one more record's unmatched keys. */
    public UnmatchedSummary plus(UnmatchedKeys record) {
        if (record.isEmpty()) {
            return this;
        }
        return new UnmatchedSummary(unknownKeys + record.unknownKeys().size(),
                missingColumns + record.missingColumns().size(), merged(unknownKeyNames, record.unknownKeys()),
                merged(missingColumnNames, record.missingColumns()));
    }

    /** The two summaries of parts of one batch, as one. */
    public UnmatchedSummary plus(UnmatchedSummary other) {
        return new UnmatchedSummary(unknownKeys + other.unknownKeys, missingColumns + other.missingColumns,
                merged(unknownKeyNames, other.unknownKeyNames), merged(missingColumnNames, other.missingColumnNames));
    }

    private static List<String> merged(List<String> names, List<String> more) {
        if (names.size() == NAMES || names.containsAll(more)) {
            return names;
        }
        return Stream.concat(names.stream(), more.stream()).distinct().limit(NAMES).toList();
    }
}
