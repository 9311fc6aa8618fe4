package dev.shardhouse.map;

/** A record that cannot become a row; the reason names the column, the expected type and the offending value. */
public record MappingFailure(String reason, UnmatchedKeys unmatched) implements MapResult {

    public MappingFailure(String reason) {
        this(reason, UnmatchedKeys.NONE);
    }
}
