package dev.shardhouse.map;

import java.util.Objects;

/**
 * A column of the target table as system.columns describes it.
 *
 * @param defaultKind system.columns' {@code default_kind}: empty, DEFAULT, MATERIALIZED, ALIAS or EPHEMERAL
 */
public record Column(String name, String type, String defaultKind) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        defaultKind = defaultKind == null ? "" : defaultKind;
    }

    /** MATERIALIZED and ALIAS columns are computed by ClickHouse and cannot appear in an INSERT. */
    public boolean insertable() {
        return !defaultKind.equals("MATERIALIZED") && !defaultKind.equals("ALIAS");
    }

    /** DEFAULT and EPHEMERAL columns say what a record that leaves them out means. */
    boolean declaresDefault() {
        return defaultKind.equals("DEFAULT") || defaultKind.equals("EPHEMERAL");
    }

    /** String or LowCardinality(String): the types that take text as-is. */
    boolean isPlainString() {
        return type.equals("String") || type.equals("LowCardinality(String)");
    }
}
