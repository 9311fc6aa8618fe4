package dev.shardhouse.map;

import java.util.List;
import java.util.Objects;

/**
 * A column of the target table as system.columns describes it.
 *
 * @param defaultKind system.columns' {@code default_kind}: empty, DEFAULT, MATERIALIZED, ALIAS or EPHEMERAL
 */
public record Column(String name, String type, String defaultKind) {

    private static final String LOW_CARDINALITY = "LowCardinality(";
    /** Types ClickHouse does not allow inside Nullable (and Nullable itself). */
    private static final List<String> NOT_NULLABLE_INSIDE = List.of("Nullable(", "Array(", "Map(", "Tuple(", "Nested(",
            "Object(", "JSON", "Variant(", "Dynamic", "AggregateFunction(", "SimpleAggregateFunction(");

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        defaultKind = defaultKind == null ? "" : defaultKind;
    }

    /** MATERIALIZED and ALIAS columns are computed by ClickHouse and cannot appear in an INSERT. */
    public boolean insertable() {
        return !defaultKind.equals("MATERIALIZED") && !defaultKind.equals("ALIAS");
    }

    /**
     * The type this column's values are sent in: its own, except that a column with a DEFAULT (or EPHEMERAL) expression
     * is sent Nullable where ClickHouse allows it. The insert reads rows through {@code input()} with these types, which
     * knows no DEFAULT expressions; a NULL sent for such a column becomes its DEFAULT on the way into the table
     * ({@code insert_null_as_default}), so that a record without the key still gets the column's DEFAULT.
     */
    public String sentType() {
        if (!sentNullable()) {
            return type;
        }
        return type.startsWith(LOW_CARDINALITY) ? LOW_CARDINALITY + "Nullable(" + type.substring(LOW_CARDINALITY.length())
                + ")" : "Nullable(" + type + ")";
    }

    /** Whether {@link #sentType()} wraps the column's type in Nullable. */
    boolean sentNullable() {
        if (!defaultKind.equals("DEFAULT") && !defaultKind.equals("EPHEMERAL")) {
            return false;
        }
        String inner = type.startsWith(LOW_CARDINALITY) ? type.substring(LOW_CARDINALITY.length()) : type;
        return NOT_NULLABLE_INSIDE.stream().noneMatch(inner::startsWith);
    }

    /** String or LowCardinality(String): the types that take text as-is. */
    boolean isPlainString() {
        return type.equals("String") || type.equals("LowCardinality(String)");
    }
}
