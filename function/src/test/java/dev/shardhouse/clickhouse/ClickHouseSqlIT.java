package dev.shardhouse.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ClickHouseSql against the real ClickHouse, with the client Shardhouse builds (whose calls complete before they
 * return) and with an asynchronous one (whose futures complete later): either way a statement's figures are the
 * server's and a failure is the driver's own exception, which {@link ClickHouseFailure} reads.
 */
class ClickHouseSqlIT {

    private static final String DATABASE = "it_clickhouse_sql";

    private final String table = DATABASE + ".t_" + Long.toString(System.nanoTime(), 36);
    private Client client;
    private ClickHouseSql sql;

    @BeforeEach
    void requireClickHouse() {
        LocalServices.requireClickHouse();
    }

    @AfterEach
    void close() {
        if (client != null) {
            sql.execute("DROP TABLE IF EXISTS " + table);
            client.close();
        }
    }

    private void connect(boolean async) {
        // No password (null) is how a deployment without a secret configures the client.
        client = ClickHouseClients.builder(LocalServices.clickHouseUrl(), "default", null, "default")
                .useAsyncRequests(async).build();
        sql = new ClickHouseSql(client);
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        sql.execute("CREATE TABLE " + table + " (n UInt64, s String) ENGINE = MergeTree ORDER BY n"
                + " SETTINGS non_replicated_deduplication_window = 10");
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aStatementReportsTheRowsItReadWithItsParametersAndSettingsApplied(boolean async) {
        connect(async);

        long read = sql.execute("INSERT INTO " + table + " SELECT number, 'x' FROM numbers({n:UInt64})",
                Map.of("n", 7), Map.of());
        ServerException limited = assertThrows(ServerException.class, () -> sql.execute(
                "SELECT sum(n) FROM " + table, Map.of(), Map.of("max_rows_to_read", "3", "read_overflow_mode", "throw")));

        assertEquals(7, read);
        assertEquals(158, ClickHouseFailure.of(limited).code(), limited.getMessage()); // TOO_MANY_ROWS
        assertEquals(List.of(7L), sql.query("SELECT count() AS c FROM " + table + " WHERE s = {s:String}",
                Map.of("s", "x")).stream().map(row -> row.getLong("c")).toList());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void anInsertReportsTheRowsItWroteAndARepeatedTokenWritesNothingMore(boolean async) {
        connect(async);
        InsertSettings settings = new InsertSettings().serverSetting("insert_deduplication_token", "token-1");

        long first = sql.insert(table, List.of("n", "s"), out -> out.write(rows(3)), ClickHouseFormat.TSV, settings);
        // ClickHouse 26.7 reports a dropped repeat as written too (written_rows 3): only the table tells.
        sql.insert(table, List.of("n", "s"), out -> out.write(rows(3)), ClickHouseFormat.TSV, settings);

        assertEquals(3, first);
        List<GenericRecord> stored = sql.query("SELECT n FROM " + table + " ORDER BY n", Map.of());
        assertEquals(List.of(0L, 1L, 2L), stored.stream().map(row -> row.getLong("n")).toList());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aRefusalIsTheDriversOwnExceptionNotAWrapper(boolean async) {
        connect(async);

        RuntimeException refused = assertThrows(RuntimeException.class, () -> sql.insert(DATABASE + ".no_such_table",
                List.of(), out -> out.write(rows(1)), ClickHouseFormat.TSV, new InsertSettings()));

        assertInstanceOf(ServerException.class, refused);
        assertEquals(60, ClickHouseFailure.of(refused).code(), refused.getMessage()); // UNKNOWN_TABLE
    }

    /** An interrupted caller stops waiting, and the interruption stays visible to the code above it. */
    @Test
    void anInterruptedWaitFailsAndKeepsTheInterruption() {
        connect(true); // the client Shardhouse builds has finished by the time it returns: nothing to wait for

        Thread.currentThread().interrupt();
        IllegalStateException stopped;
        boolean stillInterrupted;
        try {
            stopped = assertThrows(IllegalStateException.class, () -> sql.execute("SELECT sleep(1)"));
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertTrue(stillInterrupted);
        assertInstanceOf(InterruptedException.class, stopped.getCause());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private static byte[] rows(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i).append("\tx\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
