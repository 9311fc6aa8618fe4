package dev.shardhouse.local.mapping;

/** Where a mapping starts reading a stream, as in Lambda's {@code StartingPosition}. */
public enum StartingPosition {
    /** The oldest record still in the stream. */
    TRIM_HORIZON,
    /** Only records added after the mapping starts. */
    LATEST,
    /** Records from {@link MappingSettings#startingTimestamp()} on. */
    AT_TIMESTAMP
}
