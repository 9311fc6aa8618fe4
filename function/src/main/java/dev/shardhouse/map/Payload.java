package dev.shardhouse.map;

import dev.shardhouse.map.rowbinary.RowBuffer;

/** One record's data, read in the table's format, ready to give each payload column its value. */
@FunctionalInterface
interface Payload {

    /**
     * @param payloadIndex the column's position among {@link TableSchema#payloadColumns()}
     */
    void writeColumn(ColumnEncoder column, int payloadIndex, RowBuffer out);
}
