package dev.shardhouse.insert;

import static dev.shardhouse.concurrent.Futures.daemonThreads;
import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.map.RowLayout;
import dev.shardhouse.map.TableDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes a claim: its mapped rows into the target table and its failed records into the error table, each as one
 * RowBinary insert carrying the claim's {@code insert_deduplication_token}. Repeating the same call after a crash
 * inserts nothing twice (within the tables' deduplication window).
 *
 * <p>Which rows go where is the claim's business, not this class's: it never re-routes a row by itself, so that a
 * retry cannot route differently from the attempt it repeats.
 */
public final class BatchWriter implements ClaimWriter {

    /** Begins the error of an insert whose rows were mapped for another definition of the table. */
    private static final String DEFINITION_CHANGED = "Shardhouse: the definition of ";
    /**
     * The start of a row of RowBinaryWithDefaults that never ends: its first column's flag says "a value follows", and
     * every type's value takes at least one byte, so ClickHouse fails the insert reading it ("Cannot read all data").
     */
    private static final byte[] ROW_CUT_SHORT = {0};
    /** Uploads the rows of claims still being won. */
    private static final ExecutorService STREAMING = Executors.newCachedThreadPool(daemonThreads("shardhouse-insert"));
    /** FUNCTION_THROW_IF_VALUE_IS_NON_ZERO. */
    private static final int DEFINITION_CHANGED_CODE = 395;

    private final ClickHouseSql sql;
    private final String database;
    private final String table;
    private final String targetTable;
    private final String errorTable;
    private final List<String> errorColumns;
    private final InsertDeduplication deduplication;

    /** @param deduplication the settings every insert forces, so that no profile can switch deduplication off */
    public BatchWriter(ClickHouseSql sql, String database, String targetTable, String errorTable,
                       InsertDeduplication deduplication) {
        this.sql = sql;
        this.deduplication = deduplication;
        this.database = database;
        this.table = targetTable;
        this.targetTable = qualified(database, targetTable);
        this.errorTable = qualified(database, errorTable);
        this.errorColumns = ErrorTable.COLUMNS.stream().map(Identifier::quote).toList();
    }

    /**
     * Inserts {@code rows} (at least one), laid out as {@code layout} says, into the target table.
     *
     * @throws RuntimeException when the outcome is uncertain: the rows may or may not have gone in
     */
    @Override
    public TargetInsert insertTarget(RowLayout layout, List<TargetRow> rows, String token) {
        return insertTarget(layout, rows, writing(rowBinary(rows)), token);
    }

    /**
     * Streams the rows on another thread at once, all but the last row, which waits for the claim: a claim lost (or
     * uncertain) ends the body inside a row instead, and ClickHouse, which reads the whole body into one block before
     * it writes (see {@link InsertDeduplication}), refuses the insert whole. Both waits end within the invocation's
     * time: the request's socket timeout was set before the claim's round trip. Abandoning waits for ClickHouse's
     * answer, so that nothing of the insert is still in flight once the claim is given up.
     */
    @Override
    public PendingInsert beginTarget(RowLayout layout, List<TargetRow> rows, String token) {
        CompletableFuture<Boolean> won = new CompletableFuture<>();
        CompletableFuture<TargetInsert> insert = CompletableFuture.supplyAsync(
                () -> insertTarget(layout, rows, withheldUntil(won, rowBinary(rows)), token), STREAMING);
        return new PendingInsert() {
            @Override
            public TargetInsert finish() {
                won.complete(true);
                return sql.awaitWithin(insert, "the insert into " + targetTable);
            }

            @Override
            public void abandon() {
                won.complete(false);
                try {
                    sql.awaitWithin(insert, "the abandoned insert into " + targetTable);
                } catch (RuntimeException expected) {
                    // ClickHouse refused the body that ends inside a row, as it must
                }
            }
        };
    }

    private TargetInsert insertTarget(RowLayout layout, List<TargetRow> rows, DataStreamWriter body, String token) {
        try {
            sql.insertFromInput(targetTable, layout, guard(layout.definition()), body, deduplication.settings(token));
            return new TargetInsert.Written(rows.size());
        } catch (RuntimeException e) {
            ClickHouseFailure failure = ClickHouseFailure.of(e);
            if (failure.code() == DEFINITION_CHANGED_CODE && failure.message().contains(DEFINITION_CHANGED)) {
                return new TargetInsert.Stale(e);
            }
            // Before any other code: a view fails after the table took the block, with whatever code (16 included).
            if (failure.failedView().filter(this::isMaterializedView).isPresent()) {
                return new TargetInsert.ViewFailed(rows.size(), e);
            }
            // A column dropped since the mapping stops the insert as ClickHouse reads its column list, before the guard.
            if (failure.isUnknownColumn()) {
                return new TargetInsert.Stale(e);
            }
            if (failure.isRejectedData()) {
                return new TargetInsert.Refused(e);
            }
            if (failure.isNothingWritten()) {
                return new TargetInsert.NotWritten(e);
            }
            throw e;
        }
    }

    /**
     * Fails the insert, before it reads a row, unless the table is defined as when the rows were mapped, so that
     * ClickHouse judges a claim's rows by the definition of its mapping and a replay's refusal tells something about
     * its first attempt (issue 18's simulation, seeds 1175 and 677). Not atomic inside the server: ClickHouse reads
     * the definition while it analyses the SELECT and takes the table's metadata for the insert just after, so an
     * ALTER that completes within that sub-millisecond gap still slips by; anything earlier, e.g. between the batch's
     * read of the definition and its insert, fails the insert.
     */
    private String guard(Optional<String> definition) {
        return definition.map(hash -> "WHERE throwIf(" + TableDefinition.hashSql(TableDefinition.definitionSql(
                Identifier.literal(database), Identifier.literal(table))) + " != " + hash + ", " + Identifier.literal(DEFINITION_CHANGED + targetTable
                + " changed after its rows were mapped") + ") = 0").orElse("");
    }

    /** @param printedName {@code database.name} as ClickHouse prints it, a part back-quoted unless plain */
    private boolean isMaterializedView(String printedName) {
        return Identifier.parseQualified(printedName).filter(name -> !sql.query("SELECT 1 FROM system.tables"
                + " WHERE engine = 'MaterializedView' AND database = {database:String} AND name = {name:String}",
                Map.of("database", name.get(0), "name", name.get(1))).isEmpty()).isPresent();
    }

    /** Inserts the claim's error rows, under the claim's token like its target rows. */
    @Override
    public void insertErrors(String stream, String shardId, List<ErrorRow> errors, String token) {
        if (!errors.isEmpty()) {
            insert(errorTable, errorColumns, ClickHouseFormat.RowBinary,
                    errors.stream().map(error -> ErrorTable.encode(stream, shardId, error)).toList(), token);
        }
    }

    private void insert(String table, List<String> columns, ClickHouseFormat format, List<byte[]> rows, String token) {
        sql.insert(table, columns, writing(rows), format, deduplication.settings(token));
    }

    private static List<byte[]> rowBinary(List<TargetRow> rows) {
        return rows.stream().map(TargetRow::rowBinary).toList();
    }

    /**
     * Writes every row but the last until {@code won} completes, and the last only if it completes true; else the body
     * ends with {@link #ROW_CUT_SHORT}. Holding back part of the last row would not do: a row can be one byte (a
     * single column left to its default), and the body would then end between rows (adversarial review, 2026-12-02).
     * Nor can the request be aborted: the client then ends the body as if it were whole.
     */
    private static DataStreamWriter withheldUntil(CompletableFuture<Boolean> won, List<byte[]> rows) {
        return out -> {
            writing(rows.subList(0, rows.size() - 1)).onOutput(out);
            out.flush();
            out.write(won.join() ? rows.get(rows.size() - 1) : ROW_CUT_SHORT);
        };
    }

    static DataStreamWriter writing(List<byte[]> rows) {
        return out -> {
            for (byte[] row : rows) {
                out.write(row);
            }
        };
    }
}
