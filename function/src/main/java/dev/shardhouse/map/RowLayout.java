package dev.shardhouse.map;

import dev.shardhouse.clickhouse.ClickHouseSql;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the bytes of every mapped row are laid out: which target columns they fill, in order, and the names and types
 * they are written in. An insert carries both, so that ClickHouse converts each value from the type it was mapped
 * for to the column's type at the moment of the insert: a table altered between the mapping and the insert
 * (issue 12, case 3) gets converted values, never bytes read as another type.
 *
 * @param columns    the quoted target columns
 * @param structure  {@code input()}'s structure of the row: {@code `name` Type, ...} in the same order
 * @param definition the server's {@code sipHash64} of the {@code create_table_query} the rows were mapped for, when
 *                   known: an insert then fails, writing nothing, if the table is defined otherwise when it arrives, so
 *                   that ClickHouse never judges a claim's rows by constraints other than those of its mapping
 * @param settings   the insert settings by which ClickHouse reads the rows' values as they are written (JSON as text)
 */
public record RowLayout(List<String> columns, String structure, Optional<String> definition,
                        Map<String, String> settings) implements ClickHouseSql.InputLayout {

    public RowLayout {
        columns = List.copyOf(columns);
        settings = Map.copyOf(settings);
    }
}
