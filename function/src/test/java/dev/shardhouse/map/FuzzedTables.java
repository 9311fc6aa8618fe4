package dev.shardhouse.map;

import dev.shardhouse.map.rowbinary.FuzzedTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables of every fuzzed type, for the mapping fuzz tests. Payload columns are named by one letter each ({@code a},
 * {@code b}, ...), short enough for a fuzzer to write as JSON keys, and one has a DEFAULT expression.
 */
final class FuzzedTables {

    private FuzzedTables() {
    }

    /** Every fuzzed type as a payload column, then the metadata columns. */
    static TableSchema everyType() {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < FuzzedTypes.ALL.size(); i++) {
            columns.add(new Column(name(i), FuzzedTypes.ALL.get(i), i == 1 ? "DEFAULT" : ""));
        }
        columns.add(new Column("_timestamp", "DateTime64(3)", ""));
        columns.add(new Column("_sub_sequence_number", "UInt32", ""));
        columns.add(new Column("_raw_message", "String", ""));
        return TableSchema.of("db", "fuzzed", columns);
    }

    /** The RAW format's table: one String payload column and a typed one that takes its default. */
    static TableSchema raw() {
        return TableSchema.of("db", "fuzzed_raw", List.of(new Column("line", "String", ""),
                new Column("id", "UInt64", "DEFAULT"), new Column("_partition_key", "String", "")));
    }

    /** a to z, then a1, b1 and so on. */
    static String name(int index) {
        char letter = (char) ('a' + index % 26);
        return index < 26 ? String.valueOf(letter) : letter + Integer.toString(index / 26);
    }
}
