package dev.shardhouse.insert;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Identifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one claimed range: the mapped rows into the target table and the failed records into the error table,
 * each as a single streamed RowBinary insert carrying the range's {@code insert_deduplication_token}. The target
 * rows are pulled from their {@link RowSource} as the insert streams, so they are made while ClickHouse reads.
 * Repeating the same call after a crash inserts nothing twice (within the tables' deduplication window).
 *
 * <p>Should ClickHouse refuse the rows' content (a CHECK constraint, say), the insert is split in halves until the
 * refused rows are found; they go to the error table instead of blocking the shard. The halves' tokens derive from
 * the range's token and their bounds, so a repeated write splits and deduplicates the same way.
 */
public final class BatchWriter {

    /** "A value follows" for the first column, and no value: no RowBinaryWithDefaults row is this short. */
    private static final byte[] INCOMPLETE_ROW = {0};

    private final ClickHouseSql sql;
    private final String targetTable;
    private final List<String> targetColumns;
    private final String errorTable;
    private final List<String> errorColumns;

    /** @param targetColumns the target table's insertable columns in row order, quoted */
    public BatchWriter(ClickHouseSql sql, String database, String targetTable, List<String> targetColumns, String errorTable) {
        this.sql = sql;
        this.targetTable = qualified(database, targetTable);
        this.targetColumns = List.copyOf(targetColumns);
        this.errorTable = qualified(database, errorTable);
        this.errorColumns = ErrorTable.COLUMNS.stream().map(Identifier::quote).toList();
    }

    /** What a write did. */
    public record Written(long inserted, int errorRows) {
    }

    public Written write(String stream, String shardId, RowSource source, String token) {
        List<ErrorRow> rejected = new ArrayList<>();
        TargetRow first = source.next();
        long inserted = first == null ? 0 : insertStreaming(first, source, token, rejected);
        List<ErrorRow> errors = new ArrayList<>(source.errors());
        errors.addAll(rejected);
        if (!errors.isEmpty()) {
            List<byte[]> encoded = errors.stream().map(error -> ErrorTable.encode(stream, shardId, error)).toList();
            insert(errorTable, errorColumns, ClickHouseFormat.RowBinary, encoded, token);
        }
        return new Written(inserted, errors.size());
    }

    /** Inserts every row of {@code source} as it comes; should ClickHouse refuse some, isolates them. */
    private long insertStreaming(TargetRow first, RowSource source, String token, List<ErrorRow> rejected) {
        List<TargetRow> rows = new ArrayList<>();
        try {
            return sql.insert(targetTable, targetColumns, out -> {
                try {
                    for (TargetRow row = first; row != null; row = source.next()) {
                        rows.add(row);
                        out.write(row.rowBinary());
                    }
                } catch (RuntimeException | Error e) {
                    // The driver ends the body cleanly whatever its writer throws, and ClickHouse would keep the rows
                    // sent so far under the range's token, so that the range's repeat would be dropped: an incomplete
                    // row makes it refuse the whole insert instead (one block: under max_insert_block_size rows).
                    out.write(INCOMPLETE_ROW);
                    throw e;
                }
            }, ClickHouseFormat.RowBinaryWithDefaults, new InsertSettings().setDeduplicationToken(token));
        } catch (RuntimeException e) {
            ClickHouseFailure failure = ClickHouseFailure.of(e);
            if (!failure.isRejectedData()) {
                throw e;
            }
            // ClickHouse may answer before the body ends: the rows not sent yet are needed to find the refused ones.
            for (TargetRow row = source.next(); row != null; row = source.next()) {
                rows.add(row);
            }
            return isolate(rows, token, failure, rejected);
        }
    }

    private long insertIsolating(List<TargetRow> rows, String token, List<ErrorRow> rejected) {
        try {
            return insert(targetTable, targetColumns, ClickHouseFormat.RowBinaryWithDefaults,
                    rows.stream().map(TargetRow::rowBinary).toList(), token);
        } catch (RuntimeException e) {
            ClickHouseFailure failure = ClickHouseFailure.of(e);
            if (!failure.isRejectedData()) {
                throw e;
            }
            return isolate(rows, token, failure, rejected);
        }
    }

    /** Splits refused rows in halves, each inserted with its own token, until the rows ClickHouse refuses are found. */
    private long isolate(List<TargetRow> refused, String token, ClickHouseFailure failure, List<ErrorRow> rejected) {
        if (refused.size() == 1) {
            rejected.add(refused.get(0).rejected("ClickHouse refused the row: " + failure.message()));
            return 0;
        }
        List<TargetRow> left = refused.subList(0, refused.size() / 2);
        List<TargetRow> right = refused.subList(refused.size() / 2, refused.size());
        return insertIsolating(left, halfToken(token, left), rejected)
                + insertIsolating(right, halfToken(token, right), rejected);
    }

    private static String halfToken(String token, List<TargetRow> half) {
        return token + "/" + half.get(0).position() + "-" + half.get(half.size() - 1).position();
    }

    private long insert(String table, List<String> columns, ClickHouseFormat format, List<byte[]> rows, String token) {
        return sql.insert(table, columns, out -> {
            for (byte[] row : rows) {
                out.write(row);
            }
        }, format, new InsertSettings().setDeduplicationToken(token));
    }
}
