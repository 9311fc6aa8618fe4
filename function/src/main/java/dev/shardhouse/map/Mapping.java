package dev.shardhouse.map;

import java.util.List;

/**
 * How records become rows of the target table as it is defined at one moment.
 *
 * @param fingerprint digest of the table's definition (columns, types, defaults, constraints, engine) and the record
 *                    format: equal fingerprints mean ClickHouse judges the same rows the same way
 */
public record Mapping(TableSchema schema, RowMapper mapper, String fingerprint) {

    /** The quoted insertable columns, in the order of every mapped row. */
    public List<String> columns() {
        return schema.quotedColumnNames();
    }
}
