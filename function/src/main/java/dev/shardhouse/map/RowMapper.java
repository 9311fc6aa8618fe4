package dev.shardhouse.map;

import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.map.rowbinary.InvalidValueException;
import dev.shardhouse.map.rowbinary.RowBuffer;
import dev.shardhouse.map.text.MalformedRecordException;
import dev.shardhouse.config.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Objects;

/**
 * Turns user records into rows of the target table in RowBinaryWithDefaults, or into a {@link MappingFailure}
 * saying why not. Metadata columns ({@link MetadataField}) come from the Kinesis record; every other insertable
 * column from the record's data:
 * <ul>
 *   <li>JSON: an object whose keys name columns exactly. Keys that name no payload column, and payload columns
 *       without a DEFAULT expression that no key fills, are {@link UnmatchedKeys}: reported with the row under
 *       {@link UnmatchedKeysPolicy#ACCEPT}, a {@link MappingFailure} naming them under {@code REJECT}. An absent key takes the
 *       column's default, as ClickHouse's own JSON input does: its DEFAULT expression if it has one, else NULL in a
 *       Nullable column and the type's zero value in any other. A JSON null is NULL in a Nullable column and the
 *       default in any other.</li>
 *   <li>CSV and TSV: one row, one field per payload column in table order. {@code \N} is NULL (default when not
 *       Nullable); an empty field is an empty string in a String/FixedString column and the default in any other,
 *       as ClickHouse's {@code input_format_*_empty_as_default}. Array and Map fields are JSON text.</li>
 *   <li>RAW: the record, as UTF-8 text, into the table's only String payload column; other payload columns take
 *       their defaults (typically expressions over the raw column).</li>
 * </ul>
 * Text must be valid UTF-8. Value rules per type (dates, numbers, ranges) are on the encoders in
 * {@code dev.shardhouse.map.rowbinary}.
 *
 * <p>Thread-safe: each thread reuses its own scratch buffer; every returned row is a fresh array.
 */
public final class RowMapper {

    private static final int INITIAL_ROW_CAPACITY = 512;

    private final List<ColumnEncoder> columns;
    private final int[] payloadIndex;
    private final PayloadReader reader;
    private final UnmatchedKeysPolicy unmatchedKeys;
    private final String qualifiedName;
    private final ThreadLocal<RowBuffer> scratch = ThreadLocal.withInitial(() -> new RowBuffer(INITIAL_ROW_CAPACITY));

    /**
     * @throws dev.shardhouse.config.ConfigException (RECORD_FORMAT) when the format cannot fill the table, such as
     *     RAW without exactly one String payload column
     */
    public RowMapper(TableSchema schema, RecordFormat format) {
        this(schema, format, UnmatchedKeysPolicy.ACCEPT);
    }

    /** @see #RowMapper(TableSchema, RecordFormat) */
    public RowMapper(TableSchema schema, RecordFormat format, UnmatchedKeysPolicy unmatchedKeys) {
        this.unmatchedKeys = Objects.requireNonNull(unmatchedKeys, "unmatchedKeys");
        this.qualifiedName = schema.qualifiedName();
        this.columns = schema.columns();
        this.reader = PayloadReader.of(Objects.requireNonNull(format, "format"), schema);
        this.payloadIndex = new int[columns.size()];
        int next = 0;
        for (int i = 0; i < columns.size(); i++) {
            payloadIndex[i] = columns.get(i).isMetadata() ? -1 : next++;
        }
    }

    public MapResult map(UserRecord record, String streamName, String shardId) {
        RowBuffer out = scratch.get();
        out.clear();
        Payload payload;
        try {
            payload = reader.read(record.data());
        } catch (MalformedRecordException | InvalidValueException e) {
            return new MappingFailure(e.getMessage());
        }
        UnmatchedKeys unmatched = unmatched(payload);
        if (unmatchedKeys == UnmatchedKeysPolicy.REJECT && !unmatched.isEmpty()) {
            return new MappingFailure(rejection(unmatched), unmatched);
        }
        for (int i = 0; i < columns.size(); i++) {
            ColumnEncoder column = columns.get(i);
            try {
                if (column.isMetadata()) {
                    column.writeMetadata(record, streamName, shardId, out);
                } else {
                    payload.writeColumn(column, payloadIndex[i], out);
                }
            } catch (InvalidValueException e) {
                return new MappingFailure("column " + column.describe() + ": " + e.getMessage(), unmatched);
            }
        }
        return new MappedRow(out.toByteArray(), unmatched);
    }

    private UnmatchedKeys unmatched(Payload payload) {
        List<String> unknown = payload.unknownKeys();
        List<String> missing = null;
        for (int i = 0; i < columns.size(); i++) {
            ColumnEncoder column = columns.get(i);
            if (payloadIndex[i] >= 0 && !column.column().declaresDefault() && payload.absent(column, payloadIndex[i])) {
                missing = missing == null ? new ArrayList<>() : missing;
                missing.add(column.name());
            }
        }
        return unknown.isEmpty() && missing == null ? UnmatchedKeys.NONE
                : new UnmatchedKeys(unknown, missing == null ? List.of() : missing);
    }

    private String rejection(UnmatchedKeys unmatched) {
        StringBuilder reason = new StringBuilder("the record's keys do not match the columns of ").append(qualifiedName)
                .append(" (UNMATCHED_KEYS=REJECT):");
        if (!unmatched.unknownKeys().isEmpty()) {
            reason.append(" keys that name no column: ").append(quoted(unmatched.unknownKeys()))
                    .append(unmatched.missingColumns().isEmpty() ? "" : ";");
        }
        if (!unmatched.missingColumns().isEmpty()) {
            reason.append(" columns without a DEFAULT that no key fills: ").append(quoted(unmatched.missingColumns()));
        }
        return reason.toString();
    }

    private static String quoted(List<String> names) {
        return names.stream().map(Identifier::quote).collect(Collectors.joining(", "));
    }
}
