package dev.shardhouse.local.chaos;

import static dev.shardhouse.config.Identifier.literal;
import static dev.shardhouse.config.Identifier.qualified;
import static dev.shardhouse.config.Identifier.quote;

import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.local.chaos.ValueCheck.StoredRow;
import dev.shardhouse.local.demo.RecordKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A pipeline's tables in a chaos run: the target table it creates (the ingest function creates its checkpoint and
 * error tables), the changes made to it while records flow, and what the verification reads back. Rows are those of
 * the run's stream name only; the generation of a row comes from its record's data, since a recreated stream may
 * reuse shard ids and sequence numbers.
 */
final class ChaosTables implements ChaosOperator.ConstrainedTable {

    /** A change is tried for half a minute: long enough for a killed ClickHouse to come back. */
    private static final int CHANGE_ATTEMPTS = 30;
    /** The CHECK constraint {@link FaultKind#CHECK_CONSTRAINT_ADDED} adds: {@code ok = 1}. */
    static final String CONSTRAINT = "ok_is_set";
    /** Checkpoint rows of one stream ARN and this pipeline (the key starts with the target table's name). */
    private static final String PIPELINE_ROWS = " WHERE stream_arn = {arn:String} AND startsWith(key, {pipeline:String})";

    private final ClickHouseSql sql;
    private final String database;
    private final String table;
    private final String errorTable;
    private final String checkpointTable;
    private final String stream;
    // Read by the producer: a record gets the fields these changes make meaningful only once their ALTER returned.
    private volatile boolean columnAdded;
    private volatile boolean constrained;
    private volatile boolean constraintDropped;

    ChaosTables(ClickHouseSql sql, String database, String table, String checkpointTable, String stream) {
        this.sql = sql;
        this.database = database;
        this.table = table;
        this.errorTable = table + "_shardhouse_errors";
        this.checkpointTable = checkpointTable;
        this.stream = stream;
    }

    @Override
    public String table() {
        return table;
    }

    /**
     * The payload's columns (see {@link ChaosRecords}) and the metadata columns the function fills. A plain MergeTree
     * deduplicates a repeated insert only within {@code non_replicated_deduplication_window} blocks (the function
     * refuses a table without).
     */
    void create() {
        sql.execute("CREATE DATABASE IF NOT EXISTS " + quote(database));
        sql.execute("CREATE TABLE IF NOT EXISTS " + target() + " (\n"
                + "    generation UInt8,\n"
                + "    id UInt64,\n"
                + "    payload String,\n"
                + "    amount UInt32,\n"
                + "    obsolete String,\n"
                + "    ok UInt8,\n"
                + "    note String,\n"
                + "    _stream String,\n"
                + "    _shard_id String,\n"
                + "    _sequence_number String,\n"
                + "    _partition_key String,\n"
                + "    _timestamp DateTime64(3, 'UTC')\n"
                + ") ENGINE = MergeTree ORDER BY (_stream, _shard_id, _sequence_number)"
                + " SETTINGS non_replicated_deduplication_window = 10000");
    }

    /**
     * Makes one of the changes of {@link FaultKind#changesTable()}, while the pipeline writes to the table. Each
     * statement can be repeated, so a change that met a ClickHouse just killed by the run is made again.
     */
    void change(FaultKind kind) throws InterruptedException {
        retried(() -> apply(kind));
    }

    /**
     * What the function's refusal of a held claim asks of an operator (see {@link ChaosOperator}): the table made to
     * accept the rows the CHECK constraint refuses, by dropping it for the rest of the run. Retried as a change is.
     */
    @Override
    public void dropConstraint() throws InterruptedException {
        retried(() -> sql.execute("ALTER TABLE " + target() + " DROP CONSTRAINT IF EXISTS " + CONSTRAINT));
        constraintDropped = true;
    }

    private static void retried(Runnable statement) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                statement.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == CHANGE_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private void apply(FaultKind kind) {
        switch (kind) {
            case COLUMN_ADDED -> {
                sql.execute("ALTER TABLE " + target() + " ADD COLUMN IF NOT EXISTS added UInt64 AFTER note");
                columnAdded = true;
            }
            case COLUMN_RETYPED -> sql.execute("ALTER TABLE " + target() + " MODIFY COLUMN amount Float64");
            case COLUMN_DROPPED -> sql.execute("ALTER TABLE " + target() + " DROP COLUMN IF EXISTS obsolete");
            case CHECK_CONSTRAINT_ADDED -> {
                sql.execute("ALTER TABLE " + target() + " ADD CONSTRAINT IF NOT EXISTS " + CONSTRAINT + " CHECK ok = 1");
                constrained = true;
            }
            case REFUSING_VIEW_CREATED -> {
                // The view's own table deduplicates too, as the README asks of every view on the target.
                sql.execute("CREATE TABLE IF NOT EXISTS " + qualified(database, table + "_notes")
                        + " (id UInt64, note UInt32) ENGINE = MergeTree ORDER BY id"
                        + " SETTINGS non_replicated_deduplication_window = 10000");
                sql.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS " + qualified(database, table + "_notes_view")
                        + " TO " + qualified(database, table + "_notes")
                        + " AS SELECT id, toUInt32(note) AS note FROM " + target());
            }
            default -> throw new IllegalArgumentException(kind.label() + " does not change the table");
        }
    }

    boolean columnAdded() {
        return columnAdded;
    }

    /** Whether the CHECK constraint is on the table now: records get {@code ok = 0} only while it is. */
    @Override
    public boolean constrained() {
        return constrained && !constraintDropped;
    }

    ConstraintHistory constraintHistory() {
        return !constrained ? ConstraintHistory.NEVER_ADDED
                : constraintDropped ? ConstraintHistory.DROPPED_BY_OPERATOR : ConstraintHistory.ADDED;
    }

    /** The record's columns the table has now, as {@link ChaosRecords#COLUMNS} orders them. */
    List<String> recordColumns() {
        Set<String> present = sql.query("SELECT name FROM system.columns WHERE database = {d:String} AND table = {t:String}",
                Map.of("d", database, "t", table)).stream().map(row -> row.getString("name")).collect(Collectors.toSet());
        return ChaosRecords.COLUMNS.stream().filter(present::contains).toList();
    }

    /** Every row of the run's stream in the target table, with the record's columns as strings. */
    List<StoredRow> targetRows(List<String> columns) {
        String values = columns.stream().map(column -> "toString(" + quote(column) + ") AS " + quote(column))
                .collect(Collectors.joining(", "));
        return rows("SELECT generation AS g, _shard_id AS shard, _sequence_number AS sequence, " + values
                + " FROM " + target() + " WHERE _stream = " + literal(stream), columns);
    }

    /** Every row of the run's stream in the error table (which exists once a function instance has started). */
    List<StoredRow> errorRows() {
        return rows("SELECT toUInt8(JSONExtractUInt(raw_data, 'generation')) AS g, shard_id AS shard,"
                + " sequence_number AS sequence, raw_data FROM " + qualified(database, errorTable)
                + " WHERE stream = " + literal(stream), List.of("raw_data"));
    }

    /** How many rows each record has among these. */
    static Map<RecordKey, Integer> rowsPerRecord(List<StoredRow> rows) {
        Map<RecordKey, Integer> counts = new HashMap<>();
        rows.forEach(row -> counts.merge(row.key(), 1, Integer::sum));
        return counts;
    }

    /**
     * Records committed by this pipeline's checkpoints of each creation time of the stream, retired ones (in the
     * archive) included: one entry per generation. A checkpoint counts once, at its highest revision.
     */
    Map<Long, Long> committedByStreamCreation(String streamArn) {
        String columns = " SELECT key, stream_created_ms, records_committed, revision FROM ";
        Map<Long, Long> committed = new TreeMap<>();
        for (GenericRecord row : sql.query("SELECT created, toInt64(sum(records)) AS records FROM ("
                + " SELECT key, any(stream_created_ms) AS created, argMax(records_committed, revision) AS records FROM ("
                + columns + "(" + CheckpointTables.committedView(qualified(database, checkpointTable)) + ")"
                + PIPELINE_ROWS + " UNION ALL"
                + columns + qualified(database, checkpointTable + "_archive") + PIPELINE_ROWS
                + ") GROUP BY key) GROUP BY created", Map.of("arn", streamArn, "pipeline", target() + "|"))) {
            committed.put(row.getLong("created"), row.getLong("records"));
        }
        return committed;
    }

    /** This pipeline's checkpoints of the stream that the tracker retired into the archive. */
    long retiredCheckpoints(String streamArn) {
        return sql.query("SELECT toInt64(count()) AS n FROM " + qualified(database, checkpointTable + "_archive")
                + PIPELINE_ROWS, Map.of("arn", streamArn, "pipeline", target() + "|")).get(0).getLong("n");
    }

    private String target() {
        return qualified(database, table);
    }

    private List<StoredRow> rows(String query, List<String> columns) {
        return sql.query(query, Map.of()).stream().map(row -> {
            Map<String, String> values = new LinkedHashMap<>();
            columns.forEach(column -> values.put(column, row.getString(column)));
            return new StoredRow(new RecordKey(row.getInteger("g"), row.getString("shard"),
                    Position.of(row.getString("sequence"), 0)), values);
        }).toList();
    }
}
