package dev.shardhouse.map;

/** What becomes of a JSON record whose keys do not match the table's columns (setting UNMATCHED_KEYS). */
public enum UnmatchedKeysPolicy {
    /** Unknown keys are ignored and missing columns take their defaults; both are counted. */
    ACCEPT,
    /** The record goes to the error table, the reason naming the keys and columns. */
    REJECT
}
