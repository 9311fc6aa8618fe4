package dev.shardhouse.map;

/** What mapping one user record produced: a row to insert, or the reason it cannot become one. */
public sealed interface MapResult permits MappedRow, MappingFailure {

    /** The record's keys that matched no column and the columns no key filled (JSON records only). */
    UnmatchedKeys unmatched();
}
