package dev.shardhouse.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Setting;
import dev.shardhouse.map.rowbinary.InvalidValueException;
import dev.shardhouse.map.rowbinary.JsonInput;
import dev.shardhouse.map.text.CsvRecord;
import dev.shardhouse.map.text.MalformedRecordException;
import dev.shardhouse.map.text.TextFields;
import dev.shardhouse.map.text.TsvRecord;
import dev.shardhouse.map.text.Utf8;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.BiConsumer;

/** Reads a record's data in one {@link RecordFormat}. Implementations are safe to share between threads. */
@FunctionalInterface
interface PayloadReader {

    /**
     * Reads one record. The payload is to be written out before the next read on the same thread, which may
     * reuse it.
     *
     * @throws MalformedRecordException or {@link InvalidValueException} when the data cannot be read
     */
    Payload read(byte[] data);

    static PayloadReader of(RecordFormat format, TableSchema schema) {
        return switch (format) {
            case JSON -> json(schema);
            case CSV -> delimited(CsvRecord::split, schema.payloadColumns().size());
            case TSV -> delimited(TsvRecord::split, schema.payloadColumns().size());
            case RAW -> raw(schema);
        };
    }

    /**
     * Keys name columns; unknown keys are ignored. A flat object is read straight from its bytes, any other
     * record through Jackson's tree, which gives the same values and error messages.
     */
    private static PayloadReader json(TableSchema schema) {
        ThreadLocal<FlatJsonObject> flat =
                ThreadLocal.withInitial(() -> new FlatJsonObject(schema.payloadColumns()));
        Set<String> names = schema.payloadColumns().stream().map(ColumnEncoder::name).collect(Collectors.toSet());
        return data -> {
            Utf8.requireValid(data, 0, data.length);
            FlatJsonObject object = flat.get();
            return object.read(data) ? object : jsonTree(data, names);
        };
    }

    private static Payload jsonTree(byte[] data, Set<String> columnNames) {
        JsonNode root = JsonInput.parse(data);
        if (!root.isObject()) {
            throw new MalformedRecordException(
                    "expected a JSON object, got a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return new JsonTreePayload(root, columnNames);
    }

    /** Fields in payload column order, exactly one per payload column. */
    private static PayloadReader delimited(BiConsumer<byte[], TextFields> splitter, int expectedFields) {
        ThreadLocal<DelimitedPayload> scratch = ThreadLocal.withInitial(DelimitedPayload::new);
        return data -> {
            DelimitedPayload payload = scratch.get();
            TextFields fields = payload.fields();
            splitter.accept(data, fields);
            if (fields.count() != expectedFields) {
                throw new MalformedRecordException("expected " + expectedFields + " fields, got " + fields.count());
            }
            return payload;
        };
    }

    /** The whole record into the one String payload column; other payload columns take their defaults. */
    private static PayloadReader raw(TableSchema schema) {
        List<ColumnEncoder> strings = schema.payloadColumns().stream()
                .filter(column -> column.column().isPlainString()).toList();
        if (strings.size() != 1) {
            throw new ConfigException(Setting.RECORD_FORMAT.name(), "RAW needs exactly one String column (other than "
                    + "metadata columns) in " + schema.qualifiedName() + " to hold the record, found " + strings.size()
                    + (strings.isEmpty() ? "" : ": " + strings.stream().map(ColumnEncoder::name).toList()));
        }
        ColumnEncoder target = strings.get(0);
        return data -> {
            Utf8.requireValid(data, 0, data.length);
            return (column, index, out) -> {
                if (column == target) {
                    column.writeUtf8(data, out);
                } else {
                    column.writeDefault(out);
                }
            };
        };
    }
}
