package dev.shardhouse.map;

/**
 * One row in RowBinaryWithDefaults, columns in {@link TableSchema#columns()} order. Rows of the same
 * schema concatenate into an insert body. The array belongs to the caller.
 */
public record MappedRow(byte[] rowBinary, UnmatchedKeys unmatched) implements MapResult {

    public MappedRow(byte[] rowBinary) {
        this(rowBinary, UnmatchedKeys.NONE);
    }
}
