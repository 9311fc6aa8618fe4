package dev.shardhouse.map;

import java.util.Optional;

/**
 * How records become rows of the target table as it is defined at one moment.
 *
 * @param fingerprint        digest of the table's definition (columns, types, defaults, constraints, engine) and the
 *                           record format
 * @param deterministicChecks the table's constraints use no clock or randomness and no column is parsed by ClickHouse
 *                           under the request's settings (JSON), so with an equal fingerprint ClickHouse judges the
 *                           same rows the same way every time, whatever the user's profile
 * @param definitionHash     the server's {@code sipHash64} of the table's {@code create_table_query}
 */
public record Mapping(TableSchema schema, RowMapper mapper, String fingerprint, boolean deterministicChecks,
                      String definitionHash) {

    /** The columns and types of every mapped row, and the definition an insert of them requires. */
    public RowLayout layout() {
        return schema.layout(Optional.of(definitionHash));
    }
}
