package dev.shardhouse.insert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.insert.DeduplicationCheck.Needs;
import dev.shardhouse.testing.LocalServices;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The check reads a table's window, its own settings or the server's defaults, from the real ClickHouse. */
class DeduplicationCheckIT {

    private static final String DATABASE = "it_dedup_check";
    private static final Needs ONE_SHARD_FOR_A_DAY = Needs.of(-1, Optional.empty());

    private static final ClickHouseSql SQL = new ClickHouseSql(LocalServices.clickHouse("default"));

    @BeforeAll
    static void createDatabase() {
        SQL.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
    }

    private static String create(String engine, String settings) {
        String table = "t_" + Long.toString(System.nanoTime(), 36);
        SQL.execute("CREATE TABLE " + DATABASE + "." + table + " (x Int32) ENGINE = " + engine.replace("TABLE", table)
                + " ORDER BY x" + settings);
        return table;
    }

    private static Optional<String> problem(String table) {
        return DeduplicationCheck.problem(SQL, DATABASE, table, ONE_SHARD_FOR_A_DAY);
    }

    @Test
    void aWindowOfOneIsReadAndRefused() {
        String table = create("MergeTree", " SETTINGS non_replicated_deduplication_window = 1");

        assertTrue(problem(table).orElseThrow().contains("non_replicated_deduplication_window = 1 "), problem(table).toString());
        SQL.execute("ALTER TABLE " + DATABASE + "." + table + " MODIFY SETTING non_replicated_deduplication_window = 100");
        assertEquals(Optional.empty(), problem(table));
    }

    @Test
    void aPlainMergeTreeWithoutTheSettingGetsTheServerDefaultOfNoWindow() {
        String table = create("MergeTree", "");

        assertTrue(problem(table).orElseThrow().contains("non_replicated_deduplication_window = 0 "), problem(table).toString());
    }

    @Test
    void replicatedSecondsAreReadFromTheServerDefaultAndFromTheTable() {
        // chDB's replicated tables are read-only, so each setting gets a table of its own instead of an ALTER.
        String replicated = "ReplicatedMergeTree('/clickhouse/it_dedup_check/TABLE', 'r1')";
        String table = create(replicated, "");

        // The server's default of 3600 s against a day of retries; the default count (10000) is enough.
        assertEquals(Optional.of("table `it_dedup_check`.`" + table + "` (ReplicatedMergeTree):"
                + " replicated_deduplication_window_seconds = 3600 forgets a token before a batch stops being retried,"
                + " after 86400 s (MAXIMUM_RECORD_AGE_SECONDS=-1: until the records expire, the stream's retention,"
                + " at least 24 h), so a batch retried after a crash between insert and checkpoint could be inserted"
                + " twice; fix: ALTER TABLE `it_dedup_check`.`" + table + "` MODIFY SETTING"
                + " replicated_deduplication_window_seconds = 86400"), problem(table));

        assertEquals(Optional.empty(), problem(create(replicated, " SETTINGS replicated_deduplication_window_seconds = 86400")));

        String one = create(replicated, " SETTINGS replicated_deduplication_window = 1,"
                + " replicated_deduplication_window_seconds = 86400");
        assertTrue(problem(one).orElseThrow().contains("replicated_deduplication_window = 1 "), problem(one).toString());
    }

    @Test
    void aTableThatDoesNotExistIsAProblemNotADefault() {
        assertEquals(Optional.of("table `" + DATABASE + "`.`no_such_table` does not exist"), problem("no_such_table"));
    }

    @Test
    void anEngineThatDoesNotDeduplicateIsRefused() {
        String table = "t_" + Long.toString(System.nanoTime(), 36);
        SQL.execute("CREATE TABLE " + DATABASE + "." + table + " (x Int32) ENGINE = Memory");

        assertTrue(problem(table).orElseThrow().contains("has engine Memory"), problem(table).toString());
    }
}
