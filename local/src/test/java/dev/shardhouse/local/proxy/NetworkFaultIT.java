package dev.shardhouse.local.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.local.runtime.InvocationResult;
import dev.shardhouse.testing.LocalServices;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The real ingest handler, invoked as Lambda's runtime would (in-process, with a real deadline), talking to the local
 * ClickHouse through the fault-injecting proxy: exactly-once through responses dropped after the statement ran (the
 * ambiguous insert, claim and commit), connections reset mid-body and mid-response, a latency spike longer than the
 * invocation has left and a bandwidth limit; and an invocation that fails cleanly before its timeout under a partition.
 */
class NetworkFaultIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    private static final int BATCH = 10;

    private static KinesisClient kinesis;
    private static Client direct;
    private static ClickHouseSql sql;

    @BeforeAll
    static void connect() {
        kinesis = LocalServices.kinesis();
        direct = LocalServices.clickHouse("default");
        sql = new ClickHouseSql(direct);
    }

    @AfterAll
    static void close() {
        direct.close();
        kinesis.close();
    }

    /** What the first delivery under a fault does; every case ends with each record once. */
    private enum Outcome { FAILS, SUCCEEDS, EITHER }

    private record Case(String what, Predicate<String> trigger, RequestFault fault, Outcome first) {
    }

    private static ProxiedPipeline pipeline(String name, int records) {
        return new ProxiedPipeline(sql, kinesis, name, "id UInt64, note String", records,
                i -> "{\"id\":" + i + ",\"note\":\"n" + i + "\"}", TIMEOUT);
    }

    private static List<String> expectedRows(int records) {
        return IntStream.range(0, records).mapToObj(i -> i + ":n" + i).toList();
    }

    @Test
    void everyRecordLandsExactlyOnceThroughAmbiguousCommitsResetsAndSlowLinks() throws InterruptedException {
        try (ProxiedPipeline pipeline = pipeline("ambiguous", 10 * BATCH)) {
            List<Case> cases = List.of(
                    new Case("insert's response dropped", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.DropResponse(), Outcome.FAILS),
                    new Case("claim's response dropped", Statements.claimIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.DropResponse(), Outcome.FAILS),
                    new Case("commit's response dropped", Statements.commitIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.DropResponse(), Outcome.FAILS),
                    // The rows go up while the claim is written: the client may send the body again, same token.
                    new Case("insert reset mid-body", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.ResetMidRequestBody(), Outcome.EITHER),
                    new Case("insert reset mid-response", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.ResetMidResponse(), Outcome.FAILS),
                    new Case("claim reset mid-body", Statements.claimIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.ResetMidRequestBody(), Outcome.FAILS),
                    new Case("commit reset mid-response", Statements.commitIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.ResetMidResponse(), Outcome.FAILS),
                    // The insert lands, its answer comes after the invocation's time is up: the function gives up
                    // first, or the client's own retry of the insert (same body, same token) is answered in time.
                    new Case("insert's response later than the deadline", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.LatencySpike(TIMEOUT.plusSeconds(2)), Outcome.EITHER),
                    new Case("insert at 2 KB/s", Statements.insertInto(pipeline.qualifiedTable()),
                            new RequestFault.BandwidthLimit(2_000), Outcome.SUCCEEDS),
                    new Case("claim after a 1 s latency spike", Statements.claimIn(pipeline.qualifiedCheckpoints()),
                            new RequestFault.LatencySpike(Duration.ofSeconds(1)), Outcome.SUCCEEDS));
            for (int i = 0; i < cases.size(); i++) {
                Case fault = cases.get(i);
                int from = i * BATCH;
                pipeline.faults.arm(fault.trigger(), fault.fault());
                long started = System.nanoTime();
                InvocationResult first = pipeline.deliver(from, from + BATCH);
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertEquals(0, pipeline.faults.armed(), fault.what() + ": the fault met its request");
                assertTrue(millis < TIMEOUT.toMillis(), fault.what() + ": the invocation took " + millis + " ms");
                if (fault.first() == Outcome.FAILS) {
                    assertInstanceOf(InvocationResult.FunctionError.class, first, fault.what());
                } else if (fault.first() == Outcome.SUCCEEDS) {
                    assertInstanceOf(InvocationResult.Response.class, first, fault.what());
                }
                if (first instanceof InvocationResult.FunctionError) {
                    // The mapping retries the batch whole.
                    assertInstanceOf(InvocationResult.Response.class, pipeline.deliver(from, from + BATCH), fault.what());
                }
                // And delivers it once more, as it may: nothing changes.
                assertInstanceOf(InvocationResult.Response.class, pipeline.deliver(from, from + BATCH), fault.what());
                assertEquals(expectedRows(from + BATCH), pipeline.rows("id, note"), "after " + fault.what());
            }
            assertEquals(0, pipeline.errorRows());
            assertEquals(cases.size(), pipeline.faults.tally().snapshot().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void anInvocationFailsCleanlyBeforeItsTimeoutUnderAPartitionAndTheRetryLandsItsRecordsOnce()
            throws InterruptedException {
        try (ProxiedPipeline pipeline = pipeline("partition", 2 * BATCH)) {
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
            assertEquals(expectedRows(2 * BATCH), pipeline.rows("id, note"));
        }
    }
}
