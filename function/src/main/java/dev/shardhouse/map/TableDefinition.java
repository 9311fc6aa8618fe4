package dev.shardhouse.map;

/** The target table's definition as it is now: {@link TargetTable} reads ClickHouse; a simulation keeps versions. */
public interface TableDefinition {

    /**
     * The mapping for the table as defined now.
     *
     * @throws dev.shardhouse.config.ConfigException (TARGET_TABLE) if the table does not exist or has a column
     *     Shardhouse cannot write
     */
    Mapping current();

    /**
     * The table's {@code create_table_query} as an SQL expression.
     *
     * @param database an SQL expression for the database's name (a literal or a query parameter)
     * @param table    an SQL expression for the table's name
     */
    static String definitionSql(String database, String table) {
        return "(SELECT create_table_query FROM system.tables WHERE database = " + database + " AND name = " + table
                + ")";
    }

    /** The server's hash of a definition: what a mapping records ({@link Mapping#definitionHash}), a guard compares. */
    static String hashSql(String definition) {
        return "sipHash64(" + definition + ")";
    }
}
