package dev.shardhouse.map;

import dev.shardhouse.map.rowbinary.RowBuffer;
import dev.shardhouse.map.text.TextFields;

/** A CSV or TSV record's fields, one per payload column in table order. One instance per thread, reused. */
final class DelimitedPayload implements Payload {

    private final TextFields fields = new TextFields();

    TextFields fields() {
        return fields;
    }

    @Override
    public void writeColumn(ColumnEncoder column, int payloadIndex, RowBuffer out) {
        column.writeField(fields, payloadIndex, out);
    }
}
