package dev.shardhouse.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.testing.LocalServices;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The benchmark's own database on the local ClickHouse, recreated on every run. */
final class BenchDatabase implements AutoCloseable {

    static final String NAME = "bench_ingest";

    private final Client client = LocalServices.clickHouse("default");

    void recreate() {
        execute("DROP DATABASE IF EXISTS " + Identifier.quote(NAME) + " SYNC");
        execute("CREATE DATABASE " + Identifier.quote(NAME));
    }

    /**
     * A click-event table. Every contender's table deduplicates, as the handler requires, so the server does the
     * same work for each of them.
     */
    void createEventsTable(String table) {
        execute("CREATE TABLE " + Identifier.qualified(NAME, table) + " (" + SampleRecords.COLUMNS_DDL + ")"
                + " ENGINE = MergeTree ORDER BY (event_type, ts)"
                + " SETTINGS non_replicated_deduplication_window = 1000");
    }

    /** Row count and sum of user ids: equal across tables only if each holds the same rows. */
    String contents(String table) {
        List<GenericRecord> rows = client.queryAll("SELECT count(), sum(user_id) FROM " + Identifier.qualified(NAME, table));
        return rows.get(0).getString(1) + " rows, user_id sum " + rows.get(0).getString(2);
    }

    long count(String table) {
        return client.queryAll("SELECT count() FROM " + Identifier.qualified(NAME, table)).get(0).getLong(1);
    }

    private void execute(String statement) {
        try {
            client.execute(statement).get(60, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            throw new IllegalStateException("ClickHouse rejected: " + statement, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
