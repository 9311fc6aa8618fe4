package dev.shardhouse.map;

import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.map.rowbinary.DateTimeEncoder;
import dev.shardhouse.map.rowbinary.IntegerEncoder;
import dev.shardhouse.map.rowbinary.RowBuffer;
import dev.shardhouse.map.rowbinary.ValueEncoder;
import java.util.Arrays;
import java.util.Optional;

/**
 * Columns that Shardhouse fills from the Kinesis record rather than from its data, when the table has them
 * (whatever their position). A payload key or field of the same name is never used for them.
 */
public enum MetadataField {
    STREAM("_stream", "String"),
    SHARD_ID("_shard_id", "String"),
    SEQUENCE_NUMBER("_sequence_number", "String"),
    SUB_SEQUENCE_NUMBER("_sub_sequence_number", "an integer type"),
    PARTITION_KEY("_partition_key", "String"),
    TIMESTAMP("_timestamp", "DateTime or DateTime64(n)"),
    RAW_MESSAGE("_raw_message", "String");

    private final String columnName;
    private final String expectedType;

    MetadataField(String columnName, String expectedType) {
        this.columnName = columnName;
        this.expectedType = expectedType;
    }

    public String columnName() {
        return columnName;
    }

    /** What the column's type must be, for error messages. */
    String expectedType() {
        return expectedType;
    }

    static Optional<MetadataField> forColumn(String name) {
        return Arrays.stream(values()).filter(field -> field.columnName.equals(name)).findFirst();
    }

    /** Writes this field's value (without the default marker) for one record. */
    @FunctionalInterface
    interface Writer {
        void write(UserRecord record, String streamName, String shardId, RowBuffer out);
    }

    /** The writer for a column of this name, or empty when the column's type cannot hold the field. */
    Optional<Writer> writerFor(Column column, ValueEncoder encoder) {
        return switch (this) {
            case STREAM -> stringWriter(column, (record, stream, shard, out) -> out.writeString(stream));
            case SHARD_ID -> stringWriter(column, (record, stream, shard, out) -> out.writeString(shard));
            case SEQUENCE_NUMBER -> stringWriter(column,
                    (record, stream, shard, out) -> out.writeString(record.position().sequenceNumber()));
            case PARTITION_KEY -> stringWriter(column,
                    (record, stream, shard, out) -> out.writeString(record.partitionKey()));
            case RAW_MESSAGE -> stringWriter(column, (record, stream, shard, out) -> {
                out.writeVarUInt(record.data().length);
                out.writeBytes(record.data());
            });
            case SUB_SEQUENCE_NUMBER -> encoder instanceof IntegerEncoder integer
                    ? Optional.of((record, stream, shard, out) ->
                            integer.writeLong(record.position().subSequence(), out))
                    : Optional.empty();
            case TIMESTAMP -> encoder instanceof DateTimeEncoder dateTime
                    ? Optional.of((record, stream, shard, out) ->
                            dateTime.writeInstant(record.approximateArrival(), out))
                    : Optional.empty();
        };
    }

    private static Optional<Writer> stringWriter(Column column, Writer writer) {
        return column.isPlainString() ? Optional.of(writer) : Optional.empty();
    }
}
