package dev.shardhouse.map;

/** What mapping one user record produced: a row to insert, or the reason it cannot become one. */
public sealed interface MapResult permits MappedRow, MappingFailure {
}
