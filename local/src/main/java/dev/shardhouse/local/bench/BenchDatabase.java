package dev.shardhouse.local.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.testing.LocalServices;
import com.clickhouse.client.api.query.QuerySettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The benchmark's own database on the local ClickHouse, recreated on every run. */
final class BenchDatabase implements AutoCloseable {

    /** The full run's database. */
    static final String NAME = "bench_ingest";
    /** The database of a cold-start-only run, apart so that it can run beside a full one. */
    static final String COLD_START_NAME = "bench_cold_start";

    private final String name;
    private final Client client = LocalServices.clickHouse("default");

    BenchDatabase(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void recreate() {
        execute("DROP DATABASE IF EXISTS " + Identifier.quote(name) + " SYNC");
        execute("CREATE DATABASE " + Identifier.quote(name));
    }

    /**
     * A click-event table. Every contender's table deduplicates, as the handler requires, so the server does the
     * same work for each of them.
     */
    void createEventsTable(String table) {
        execute("CREATE TABLE " + Identifier.qualified(name, table) + " (" + SampleRecords.columnsDdl() + ")"
                + " ENGINE = MergeTree ORDER BY (event_type, ts)"
                + " SETTINGS non_replicated_deduplication_window = 1000");
    }

    /** Row count and sum of user ids: equal across tables only if each holds the same rows. */
    String contents(String table) {
        List<GenericRecord> rows = client.queryAll("SELECT count(), sum(user_id) FROM " + Identifier.qualified(name, table));
        return rows.get(0).getString(1) + " rows, user_id sum " + rows.get(0).getString(2);
    }

    long count(String table) {
        return client.queryAll("SELECT count() FROM " + Identifier.qualified(name, table)).get(0).getLong(1);
    }

    /**
     * ClickHouse's own time and CPU per kind of statement run on the benchmark's database since {@code since},
     * from system.query_log; empty when the server keeps no query log.
     */
    List<StatementCost> statementCosts(Instant since, int minimumCount) {
        if (client.queryAll("EXISTS TABLE system.query_log").get(0).getLong(1) == 0) {
            return List.of();
        }
        execute("SYSTEM FLUSH LOGS");
        return client.queryAll("SELECT substring(replaceRegexpAll(query, '\\s+', ' '), 1, 64) AS statement, count() AS n,"
                        + " quantileExact(0.5)(query_duration_ms) AS ms,"
                        + " quantileExact(0.5)(ProfileEvents['OSCPUVirtualTimeMicroseconds']) / 1000 AS cpu_ms"
                        + " FROM system.query_log"
                        + " WHERE type = 'QueryFinish' AND has(databases, {db:String})"
                        + " AND event_time_microseconds >= fromUnixTimestamp64Micro({since:Int64})"
                        + " GROUP BY statement HAVING n >= {min:UInt32} ORDER BY n DESC, statement",
                        Map.of("since", since.getEpochSecond() * 1_000_000 + since.getNano() / 1_000, "db", name, "min", minimumCount), new QuerySettings())
                .stream()
                .map(row -> new StatementCost(row.getString("statement"), row.getLong("n"), row.getDouble("ms"),
                        row.getDouble("cpu_ms")))
                .toList();
    }

    /**
     * What a run left in {@code table}: its rows against the {@code produced} records (each record's event_id is
     * unique), the parts its inserts created (ClickHouse's own count, from system.query_log) and the active parts now.
     */
    TableFigures tableFigures(String table, long produced) {
        execute("SYSTEM FLUSH LOGS");
        GenericRecord rows = client.queryAll("SELECT count() AS n, uniqExact(event_id) AS unique FROM "
                + Identifier.qualified(name, table)).get(0);
        long created = client.queryAll("SELECT sum(ProfileEvents['InsertedCompactParts'] + ProfileEvents['InsertedWideParts'])"
                        + " AS parts FROM system.query_log WHERE type = 'QueryFinish' AND query_kind = 'Insert'"
                        + " AND has(tables, {table:String})", Map.of("table", name + "." + table), new QuerySettings())
                .get(0).getLong("parts");
        long active = client.queryAll("SELECT count() AS parts FROM system.parts WHERE active AND database = {db:String}"
                        + " AND table = {table:String}", Map.of("db", name, "table", table), new QuerySettings())
                .get(0).getLong("parts");
        long unique = rows.getLong("unique");
        return new TableFigures(produced - unique, rows.getLong("n") - unique, created, active);
    }

    /** @param lost records produced but not in the table; {@code duplicated} rows beyond one per record */
    record TableFigures(long lost, long duplicated, long partsCreated, long activeParts) {
    }

    /** @param medianMillis the server's wall time; {@code medianCpuMillis} its CPU time, both medians */
    record StatementCost(String statement, long count, double medianMillis, double medianCpuMillis) {
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
