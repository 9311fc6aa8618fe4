package dev.shardhouse.local.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Environment;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.handler.IngestHandler;
import dev.shardhouse.handler.IngestPipeline;
import dev.shardhouse.local.mapping.BufferedRecord;
import dev.shardhouse.local.mapping.EventPayload;
import dev.shardhouse.local.mapping.EventSource;
import dev.shardhouse.local.runtime.FunctionConfig;
import dev.shardhouse.local.runtime.InProcessInvoker;
import dev.shardhouse.local.runtime.InvocationResult;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * For the proxy's integration tests: a table, a one-shard stream holding its records, and the real ingest handler
 * talking to the local ClickHouse through a fault-injecting proxy, invoked in-process with a real deadline.
 */
final class ProxiedPipeline implements AutoCloseable {

    static final String DATABASE = "network_fault_it";

    final String table;
    final String checkpoints;
    final String streamArn;
    final List<Record> records;
    final RequestFaults faults = new RequestFaults();
    final FaultProxy proxy;
    private final ClickHouseSql sql;
    private final KinesisClient kinesis;
    private final TestStreams streams;
    private final InProcessInvoker invoker;

    /**
     * @param columns the table's columns, e.g. {@code id UInt64, note String}
     * @param json    record {@code i}'s JSON
     */
    ProxiedPipeline(ClickHouseSql sql, KinesisClient kinesis, String name, String columns, int records,
                    IntFunction<String> json, Duration timeout) {
        this.sql = sql;
        this.kinesis = kinesis;
        this.streams = new TestStreams(kinesis);
        table = name + "_" + Long.toString(System.nanoTime(), 36);
        checkpoints = "cp_" + table;
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        sql.execute("CREATE TABLE " + DATABASE + "." + table + " (" + columns + ") ENGINE = MergeTree"
                + " ORDER BY id SETTINGS non_replicated_deduplication_window = 1000");
        streamArn = streams.create("network-fault-it", 1);
        streams.put(streamArn, IntStream.range(0, records)
                .mapToObj(i -> json.apply(i).getBytes(StandardCharsets.UTF_8)).toList(), i -> "k" + i);
        this.records = streams.readAll(streamArn, "shardId-000000000000");
        assertEquals(records, this.records.size());
        proxy = FaultProxy.http(0, URI.create(LocalServices.clickHouseUrl()).getPort(), faults);
        Map<String, String> env = Map.of(
                "CLICKHOUSE_URL", "http://127.0.0.1:" + proxy.port(),
                "CLICKHOUSE_DATABASE", DATABASE,
                "TARGET_TABLE", table,
                "RECORD_FORMAT", "JSON",
                "CHECKPOINT_TABLE", checkpoints,
                "CHECKPOINT_ARCHIVE_TABLE", checkpoints + "_archive");
        FunctionConfig function = new FunctionConfig("network-fault-it", IngestHandler.class.getName()
                + "::handleRequest", timeout, 512, "us-east-1", env);
        invoker = new InProcessInvoker(function, () -> handler(env), 1);
    }

    private RequestHandler<KinesisEvent, ?> handler(Map<String, String> env) {
        IngestConfig config = IngestConfig.from(new Environment(env), arn -> {
            throw new AssertionError("no secret is configured in this test");
        });
        return new IngestHandler(IngestPipeline.create(config, new KinesisStreams(kinesis)));
    }

    String qualifiedTable() {
        return Identifier.qualified(DATABASE, table);
    }

    String qualifiedCheckpoints() {
        return Identifier.qualified(DATABASE, checkpoints);
    }

    /** Invokes the function with records {@code [from, to)}, as the mapping delivers one batch. */
    InvocationResult deliver(int from, int to) throws InterruptedException {
        EventSource source = EventSource.of(streamArn, "us-east-1");
        List<BufferedRecord> batch = new ArrayList<>();
        for (Record record : records.subList(from, to)) {
            batch.add(BufferedRecord.of(source, "shardId-000000000000", record));
        }
        return invoker.invoke(EventPayload.event(batch));
    }

    /** The table's rows, each as its {@code columns}' values joined by ':', in id order. */
    List<String> rows(String columns) {
        List<String> rows = new ArrayList<>();
        List<String> names = List.of(columns.split(",\\s*"));
        for (GenericRecord row : sql.query("SELECT " + columns + " FROM " + DATABASE + "." + table + " ORDER BY id",
                Map.of())) {
            rows.add(String.join(":", names.stream().map(row::getString).toList()));
        }
        return rows;
    }

    long errorRows() {
        return sql.query("SELECT count() FROM " + DATABASE + "." + table + "_shardhouse_errors", Map.of())
                .get(0).getLong(1);
    }

    @Override
    public void close() {
        invoker.close();
        proxy.close();
        streams.delete(streamArn);
    }
}
