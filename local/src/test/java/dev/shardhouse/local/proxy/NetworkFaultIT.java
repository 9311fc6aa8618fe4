package dev.shardhouse.local.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.clickhouse.client.api.Client;
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
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The real ingest handler, invoked as Lambda's runtime would (in-process, with a real deadline), talking to the local
 * ClickHouse through the fault-injecting proxy: exactly-once through responses dropped after the statement ran (the
 * ambiguous insert, claim and commit), connections reset mid-body and mid-response, a latency spike longer than the
 * invocation has left and a bandwidth limit; and an invocation that fails cleanly before its timeout under a partition.
 */
class NetworkFaultIT {

    private static final String DATABASE = "network_fault_it";
    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    private static final int BATCH = 10;

    private static KinesisClient kinesis;
    private static Client direct;
    private static ClickHouseSql sql;
    private static TestStreams streams;

    @BeforeAll
    static void connect() {
        kinesis = LocalServices.kinesis();
        direct = LocalServices.clickHouse("default");
        sql = new ClickHouseSql(direct);
        streams = new TestStreams(kinesis);
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
    }

    @AfterAll
    static void close() {
        direct.close();
        kinesis.close();
    }

    /** A table, a one-shard stream holding {@code records} records for it, and the function through a proxy. */
    private static final class Pipeline implements AutoCloseable {
        final String table;
        final String checkpoints;
        final String streamArn;
        final List<Record> records;
        final RequestFaults faults = new RequestFaults();
        final FaultProxy proxy;
        final InProcessInvoker invoker;

        Pipeline(String name, int records) {
            String suffix = Long.toString(System.nanoTime(), 36);
            table = name + "_" + suffix;
            checkpoints = "cp_" + table;
            sql.execute("CREATE TABLE " + DATABASE + "." + table + " (id UInt64, note String) ENGINE = MergeTree"
                    + " ORDER BY id SETTINGS non_replicated_deduplication_window = 1000");
            streamArn = streams.create("network-fault-it", 1);
            streams.put(streamArn, IntStream.range(0, records)
                    .mapToObj(i -> ("{\"id\":" + i + ",\"note\":\"n" + i + "\"}").getBytes(StandardCharsets.UTF_8))
                    .toList(), i -> "k" + i);
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
                    + "::handleRequest", TIMEOUT, 512, "us-east-1", env);
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

        /** The rows of the table as {@code id:note}, in id order. */
        List<String> rows() {
            List<String> rows = new ArrayList<>();
            for (GenericRecord row : sql.query("SELECT id, note FROM " + DATABASE + "." + table + " ORDER BY id", Map.of())) {
                rows.add(row.getLong("id") + ":" + row.getString("note"));
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

    private record Case(String what, Predicate<String> trigger, RequestFault fault, boolean failsTheInvocation) {
    }

    private static List<String> expectedRows(int records) {
        return IntStream.range(0, records).mapToObj(i -> i + ":n" + i).toList();
    }

    @Test
    void everyRecordLandsExactlyOnceThroughAmbiguousCommitsResetsAndSlowLinks() throws InterruptedException {
        try (Pipeline pipeline = new Pipeline("ambiguous", 10 * BATCH)) {
            List<Case> cases = List.of(
                    new Case("insert's response dropped", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.DropResponse(), true),
                    new Case("claim's response dropped", Statements.claimIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.DropResponse(), true),
                    new Case("commit's response dropped", Statements.commitIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.DropResponse(), true),
                    new Case("insert reset mid-body", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.ResetMidRequestBody(), true),
                    new Case("insert reset mid-response", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.ResetMidResponse(), true),
                    new Case("claim reset mid-body", Statements.claimIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.ResetMidRequestBody(), true),
                    new Case("commit reset mid-response", Statements.commitIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.ResetMidResponse(), true),
                    // The insert lands, its answer comes after the invocation's time is up: the function gives up first.
                    new Case("insert's response later than the deadline", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.LatencySpike(TIMEOUT.plusSeconds(2)), true),
                    new Case("insert at 2 KB/s", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.BandwidthLimit(2_000), false),
                    new Case("claim after a 1 s latency spike", Statements.claimIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.LatencySpike(Duration.ofSeconds(1)), false));
            for (int i = 0; i < cases.size(); i++) {
                Case fault = cases.get(i);
                int from = i * BATCH;
                pipeline.faults.arm(fault.trigger(), fault.fault());
                long started = System.nanoTime();
                InvocationResult first = pipeline.deliver(from, from + BATCH);
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertEquals(0, pipeline.faults.armed(), fault.what() + ": the fault met its request");
                assertTrue(millis < TIMEOUT.toMillis(), fault.what() + ": the invocation took " + millis + " ms");
                if (fault.failsTheInvocation()) {
                    assertInstanceOf(InvocationResult.FunctionError.class, first, fault.what());
                    // The mapping retries the batch whole.
                    assertInstanceOf(InvocationResult.Response.class, pipeline.deliver(from, from + BATCH), fault.what());
                } else {
                    assertInstanceOf(InvocationResult.Response.class, first, fault.what());
                }
                // And delivers it once more, as it may: nothing changes.
                assertInstanceOf(InvocationResult.Response.class, pipeline.deliver(from, from + BATCH), fault.what());
                assertEquals(expectedRows(from + BATCH), pipeline.rows(), "after " + fault.what());
            }
            assertEquals(0, pipeline.errorRows());
            assertEquals(cases.size(), pipeline.faults.tally().snapshot().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void anInvocationFailsCleanlyBeforeItsTimeoutUnderAPartitionAndTheRetryLandsItsRecordsOnce()
            throws InterruptedException {
        try (Pipeline pipeline = new Pipeline("partition", 2 * BATCH)) {
            assertInstanceOf(InvocationResult.Response.class, pipeline.deliver(0, BATCH));
            pipeline.proxy.partition(TIMEOUT.multipliedBy(3));
            long started = System.nanoTime();
            InvocationResult cut = pipeline.deliver(BATCH, 2 * BATCH);
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            InvocationResult.FunctionError error = assertInstanceOf(InvocationResult.FunctionError.class, cut);
            assertTrue(millis < TIMEOUT.toMillis(), "the invocation returned after " + millis + " ms, its timeout is "
                    + TIMEOUT.toMillis());
            assertTrue(millis >= TIMEOUT.minus(Duration.ofSeconds(4)).toMillis(),
                    "it waited for ClickHouse as long as its deadline allowed, not less: " + millis + " ms");
            assertTrue(pipeline.proxy.partitioned(), "the partition outlasted the invocation");
            // The next delivery, still in the partition, fails just as cleanly.
            started = System.nanoTime();
            assertInstanceOf(InvocationResult.FunctionError.class, pipeline.deliver(BATCH, 2 * BATCH));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < TIMEOUT.toMillis(), error.errorMessage());
            while (pipeline.proxy.partitioned()) {
                Thread.sleep(200);
            }
            assertInstanceOf(InvocationResult.Response.class, pipeline.deliver(BATCH, 2 * BATCH));
            assertEquals(expectedRows(2 * BATCH), pipeline.rows());
        }
    }
}
