package dev.shardhouse.map;

import dev.shardhouse.map.rowbinary.RowBuffer;
import java.util.List;

/** One record's data, read in the table's format, ready to give each payload column its value. */
@FunctionalInterface
interface Payload {

    /**
     * @param payloadIndex the column's position among {@link TableSchema#payloadColumns()}
     */
    void writeColumn(ColumnEncoder column, int payloadIndex, RowBuffer out);

    /** The keys that name no payload column, in record order: none in formats without keys. */
    default List<String> unknownKeys() {
        return List.of();
    }

    /** Whether the record left the column out (an absent key): never in formats without keys. */
    default boolean absent(ColumnEncoder column, int payloadIndex) {
        return false;
    }
}
