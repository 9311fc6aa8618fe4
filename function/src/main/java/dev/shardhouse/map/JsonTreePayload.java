package dev.shardhouse.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shardhouse.map.rowbinary.RowBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** A JSON record read by Jackson's tree: any object, nested values and escapes included. */
final class JsonTreePayload implements Payload {

    private final JsonNode root;
    private final Set<String> columnNames;

    /** @param columnNames the payload columns' names */
    JsonTreePayload(JsonNode root, Set<String> columnNames) {
        this.root = root;
        this.columnNames = columnNames;
    }

    @Override
    public void writeColumn(ColumnEncoder column, int payloadIndex, RowBuffer out) {
        column.writeJson(root.get(column.name()), out);
    }

    @Override
    public List<String> unknownKeys() {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!columnNames.contains(key)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    @Override
    public boolean absent(ColumnEncoder column, int payloadIndex) {
        return !root.has(column.name());
    }
}
