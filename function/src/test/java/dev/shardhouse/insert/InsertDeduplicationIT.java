package dev.shardhouse.insert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A repeated insert with the same token against a server whose defaults switch deduplication off, as a user's
 * settings profile can: with {@link InsertDeduplication}'s settings the rows are stored once, in the table and in
 * its materialized view; with the token alone, twice.
 */
class InsertDeduplicationIT {

    private static final String DATABASE = "it_insert_dedup";
    private static final String ROWS = "1\n2\n3\n";

    /** What a profile on a current server may set: deduplicate_insert overrides insert_deduplicate. */
    private static final Map<String, String> PROFILE_DISABLING = Map.of(
            "deduplicate_insert", "disable",
            "insert_deduplicate", "1",
            "deduplicate_blocks_in_dependent_materialized_views", "0");
    /** An older server's way: deduplicate_insert defers to insert_deduplicate, which the profile turns off. */
    private static final Map<String, String> OLD_PROFILE_DISABLING = Map.of(
            "deduplicate_insert", "backward_compatible_choice",
            "insert_deduplicate", "0");

    private final ClickHouseSql admin = new ClickHouseSql(LocalServices.clickHouse("default"));
    private String table;

    @BeforeEach
    void createTables() {
        admin.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        table = DATABASE + ".t_" + Long.toString(System.nanoTime(), 36);
        admin.execute("CREATE TABLE " + table + " (x Int32) ENGINE = MergeTree ORDER BY x"
                + " SETTINGS non_replicated_deduplication_window = 100");
        admin.execute("CREATE TABLE " + table + "_view (x Int32) ENGINE = MergeTree ORDER BY x"
                + " SETTINGS non_replicated_deduplication_window = 100");
        admin.execute("CREATE MATERIALIZED VIEW " + table + "_mv TO " + table + "_view AS SELECT x * 10 AS x FROM " + table);
    }

    @Test
    void theLocalServerKnowsEverySettingExactlyOnceReliesOn() {
        assertEquals(InsertDeduplication.REQUIRED, InsertDeduplication.read(admin).serverSettings());
    }

    @Test
    void aProfileDisablingDeduplicationDoesNotDuplicateARepeatedInsert() {
        ClickHouseSql profiled = new ClickHouseSql(LocalServices.clickHouse("default", PROFILE_DISABLING));
        InsertDeduplication deduplication = InsertDeduplication.read(admin);

        insertTwice(profiled, deduplication.settings("token-1"));
        assertEquals(List.of(3L, 3L), counts(), "rows in the table and in its view");

        // Without the forced settings the profile wins: both tables get a second copy, so the above is no accident.
        insertTwice(profiled, new InsertSettings().setDeduplicationToken("token-2"));
        assertEquals(List.of(9L, 9L), counts(), "rows in the table and in its view");
    }

    @Test
    void onAServerWithoutDeduplicateInsertInsertDeduplicateIsForced() {
        ClickHouseSql profiled = new ClickHouseSql(LocalServices.clickHouse("default", OLD_PROFILE_DISABLING));
        // As read on a server that predates deduplicate_insert; this one still applies the profile's value to it.
        InsertDeduplication old = InsertDeduplication.forServerKnowing(
                Set.of("insert_deduplicate", "deduplicate_blocks_in_dependent_materialized_views", "async_insert"));

        insertTwice(profiled, old.settings("token-1"));
        assertEquals(List.of(3L, 3L), counts(), "rows in the table and in its view");

        insertTwice(profiled, new InsertSettings().setDeduplicationToken("token-2"));
        assertEquals(List.of(9L, 9L), counts(), "rows in the table and in its view");
    }

    private void insertTwice(ClickHouseSql sql, InsertSettings settings) {
        for (int attempt = 0; attempt < 2; attempt++) {
            sql.insert(table, List.of("x"), out -> out.write(ROWS.getBytes(StandardCharsets.UTF_8)),
                    ClickHouseFormat.TabSeparated, settings);
        }
    }

    private List<Long> counts() {
        return List.of(count(table), count(table + "_view"));
    }

    private long count(String qualified) {
        return Long.parseLong(admin.query("SELECT toString(count()) AS n FROM " + qualified, Map.of()).get(0).getString("n"));
    }
}
