package dev.shardhouse.map;

/**
 * How records become rows of the target table as it is defined at one moment.
 *
 * @param fingerprint        digest of the table's definition (columns, types, defaults, constraints, engine) and the
 *                           record format
 * @param deterministicChecks the table's constraints use no clock or randomness, so with an equal fingerprint
 *                           ClickHouse judges the same rows the same way every time
 */
public record Mapping(TableSchema schema, RowMapper mapper, String fingerprint, boolean deterministicChecks) {

    /** The columns and types of every mapped row. */
    public RowLayout layout() {
        return schema.layout();
    }
}
