package dev.shardhouse.insert;

import java.util.List;

/**
 * The rows of one claimed range, produced on demand: a streamed insert carries each row as soon as it exists, so
 * producing them (mapping) and ClickHouse's parsing of them overlap.
 */
public interface RowSource {

    /** The next row for the target table, or null when there are no more. */
    TargetRow next();

    /** The records that could not become rows; complete once {@link #next} has returned null. */
    List<ErrorRow> errors();
}
