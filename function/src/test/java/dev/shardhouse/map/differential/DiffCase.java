package dev.shardhouse.map.differential;

import java.util.Objects;

/**
 * One (column type, value) pair of the differential corpus.
 *
 * @param type  the ClickHouse column type, as in CREATE TABLE
 * @param value the value as a JSON literal ({@code 12}, {@code "12"}, {@code null}, {@code [1]}), or {@link #ABSENT}:
 *              the key is left out of the JSON record (CSV and TSV have no such case)
 */
record DiffCase(String type, String value) {

    static final String ABSENT = "<absent>";

    DiffCase {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    boolean absent() {
        return value.equals(ABSENT);
    }
}
