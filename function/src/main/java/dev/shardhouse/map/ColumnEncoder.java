package dev.shardhouse.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.map.rowbinary.RowBuffer;
import dev.shardhouse.map.rowbinary.ValueEncoder;
import dev.shardhouse.map.text.TextFields;
import java.util.Map;

/**
 * How one insertable column gets its bytes in a RowBinaryWithDefaults row, in its {@link Column#sentType()}: a
 * leading byte 1 asks ClickHouse for the column's default (its DEFAULT expression if any, else NULL or the type's zero
 * value); a 0 is followed by the value.
 * Where ClickHouse mishandles that marker (an Enum without a DEFAULT clause) the type's default is written out
 * instead. A metadata column is filled from the Kinesis record, a payload column from the record's data.
 */
public final class ColumnEncoder {

    private static final int USE_DEFAULT = 1;
    private static final int VALUE_FOLLOWS = 0;
    private static final int NOT_NULL = 0;

    private final Column column;
    private final ValueEncoder value;
    private final MetadataField.Writer metadata;
    /** The value written instead of the default marker, when ClickHouse would mishandle the marker; else null. */
    private final byte[] explicitDefault;
    private final boolean sentNullable;

    ColumnEncoder(Column column, ValueEncoder value, MetadataField.Writer metadata) {
        this.column = column;
        this.value = value;
        this.metadata = metadata;
        this.explicitDefault = column.defaultKind().isEmpty() ? value.explicitDefault().orElse(null) : null;
        this.sentNullable = column.sentNullable();
    }

    public Column column() {
        return column;
    }

    public String name() {
        return column.name();
    }

    public boolean isMetadata() {
        return metadata != null;
    }

    /** The settings an insert of the column's values needs ({@link ValueEncoder#insertSettings()}). */
    Map<String, String> insertSettings() {
        return value.insertSettings();
    }

    /** {@code `name` (Type)}, how error messages name the column. */
    String describe() {
        return Identifier.quote(column.name()) + " (" + column.type() + ")";
    }

    /** The marker before a value, and the "not NULL" byte of a column sent as Nullable ({@link Column#sentType()}). */
    private void valueFollows(RowBuffer out) {
        out.writeByte(VALUE_FOLLOWS);
        if (sentNullable) {
            out.writeByte(NOT_NULL);
        }
    }

    void writeMetadata(UserRecord record, String streamName, String shardId, RowBuffer out) {
        valueFollows(out);
        metadata.write(record, streamName, shardId, out);
    }

    void writeDefault(RowBuffer out) {
        if (explicitDefault == null) {
            out.writeByte(USE_DEFAULT);
        } else {
            valueFollows(out);
            out.writeBytes(explicitDefault);
        }
    }

    /**
     * A JSON value: an absent key ({@code null}) takes the default; a JSON null is NULL in a Nullable column and
     * the default in any other.
     */
    void writeJson(JsonNode node, RowBuffer out) {
        if (node == null || (node.isNull() && !value.isNullable())) {
            writeDefault(out);
        } else {
            valueFollows(out);
            value.writeJson(node, out);
        }
    }

    /** A JSON string, given as its UTF-8 bytes: never absent and never null, so always the value. */
    void writeJsonString(byte[] utf8, int offset, int length, RowBuffer out) {
        valueFollows(out);
        value.writeJsonString(utf8, offset, length, out);
    }

    /**
     * A CSV or TSV field: {@code \N} is NULL in a Nullable column and the default in any other; an empty field is
     * an empty string in a String or FixedString column and the default in any other.
     */
    void writeField(TextFields fields, int field, RowBuffer out) {
        if (fields.isNull(field)) {
            if (value.isNullable()) {
                valueFollows(out);
                value.writeJson(NullNode.getInstance(), out);
            } else {
                writeDefault(out);
            }
        } else if (fields.length(field) == 0 && !value.holdsText()) {
            writeDefault(out);
        } else {
            valueFollows(out);
            value.writeUtf8Text(fields.text(), fields.start(field), fields.length(field), out);
        }
    }

    /** Bytes already known to be valid UTF-8, into a String column (the RAW format). */
    void writeUtf8(byte[] text, RowBuffer out) {
        valueFollows(out);
        out.writeVarUInt(text.length);
        out.writeBytes(text);
    }
}
