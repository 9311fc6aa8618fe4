package dev.shardhouse.local.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseClients;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.testing.LocalServices;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each HTTP fault of the proxy, against the real local ClickHouse through client-v2 as the function uses it: what
 * the client sees, and what the server did (a dropped response after the statement ran, nothing from a body cut short).
 */
class FaultProxyIT {

    private static final String DATABASE = "fault_proxy_it";
    private static final RequestFaults FAULTS = new RequestFaults();
    private static FaultProxy proxy;
    private static Client direct;
    private static Client proxied;
    private static ClickHouseSql sql;

    @BeforeAll
    static void start() {
        direct = LocalServices.clickHouse("default");
        sql = new ClickHouseSql(direct);
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        proxy = FaultProxy.http(0, URI.create(LocalServices.clickHouseUrl()).getPort(), FAULTS);
        proxied = ClickHouseClients.builder("http://127.0.0.1:" + proxy.port(), "default", "", DATABASE)
                .setSocketTimeout(3, ChronoUnit.SECONDS).build();
    }

    @AfterAll
    static void stop() {
        proxied.close();
        proxy.close();
        direct.close();
    }

    private static String table(String name) {
        String table = DATABASE + "." + name;
        sql.execute("DROP TABLE IF EXISTS " + table);
        sql.execute("CREATE TABLE " + table + " (id UInt64, note String) ENGINE = MergeTree ORDER BY id");
        return table;
    }

    private static long count(String table) {
        return sql.query("SELECT count() FROM " + table, Map.of()).get(0).getLong(1);
    }

    private static void insert(Client client, String table, int rows) {
        new ClickHouseSql(client).execute("INSERT INTO " + table + " SELECT number, repeat('x', 100) FROM numbers("
                + rows + ")");
    }

    @Test
    void aDroppedResponseLeavesTheStatementDoneAndTheClientInTheDark() {
        String table = table("dropped");
        FAULTS.arm(text -> text.contains(table), new RequestFault.DropResponse());
        assertThrows(RuntimeException.class, () -> insert(proxied, table, 10));
        assertEquals(10, count(table), "the server finished the insert whose response was dropped");
        assertEquals(0, FAULTS.armed());
        insert(proxied, table, 5);
        assertEquals(15, count(table), "the next request through the proxy goes through");
    }

    @Test
    void aRequestBodyCutShortWritesNothing() {
        String table = table("cut_body");
        FAULTS.arm(text -> text.contains("INSERT INTO " + table), new RequestFault.ResetMidRequestBody());
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            rows.append("(").append(i).append(", '").append("y".repeat(50)).append("'),");
        }
        // Values in the body: the cut falls inside them.
        assertThrows(RuntimeException.class, () -> new ClickHouseSql(proxied).execute("INSERT INTO " + table
                + " VALUES " + rows.substring(0, rows.length() - 1)));
        assertEquals(0, count(table));
    }

    @Test
    void aResponseCutShortFailsTheRead() {
        String table = table("cut_response");
        insert(direct, table, 1000);
        FAULTS.arm(text -> text.contains("SELECT id FROM " + table), new RequestFault.ResetMidResponse());
        assertThrows(RuntimeException.class, () -> new ClickHouseSql(proxied).query("SELECT id FROM " + table, Map.of()));
        assertEquals(1000, new ClickHouseSql(proxied).query("SELECT id FROM " + table, Map.of()).size());
    }

    @Test
    void aLatencySpikeHoldsTheResponse() {
        FAULTS.arm(text -> text.contains("SELECT 'spike'"), new RequestFault.LatencySpike(Duration.ofMillis(1500)));
        long started = System.nanoTime();
        assertEquals("spike", new ClickHouseSql(proxied).query("SELECT 'spike'", Map.of()).get(0).getString(1));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1500);
    }

    @Test
    void aBandwidthLimitSlowsTheTransfer() {
        FAULTS.arm(text -> text.contains("'trickle'"), new RequestFault.BandwidthLimit(20_000));
        long started = System.nanoTime();
        // About 60 KB of response at 20 KB/s.
        List<?> rows = new ClickHouseSql(proxied).query("SELECT 'trickle', repeat('z', 1000) FROM numbers(60)", Map.of());
        assertEquals(60, rows.size());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 2000);
    }

    @Test
    void aPartitionTimesTheClientOutAndResetsWhatLivedThroughIt() throws InterruptedException {
        String table = table("partitioned");
        // Long enough that the client's timeout ends the wait even on a loaded machine (5 s was passed at load 15).
        Duration partition = Duration.ofSeconds(8);
        proxy.partition(partition);
        long started = System.nanoTime();
        assertThrows(RuntimeException.class, () -> insert(proxied, table, 3));
        long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(waited >= 2900 && waited < partition.toMillis(),
                "the client's 3 s socket timeout ends the wait, not the partition's end: " + waited);
        while (proxy.partitioned()) {
            Thread.sleep(100);
        }
        Thread.sleep(200);
        assertEquals(0, count(table), "nothing held in the partition reaches the server after it");
        insert(proxied, table, 3);
        assertEquals(3, count(table));
    }
}
