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
}
