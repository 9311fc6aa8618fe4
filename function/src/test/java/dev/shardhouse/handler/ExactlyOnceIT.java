package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.Phase;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.FaultyCheckpointStore.Fault;
import dev.shardhouse.testing.KinesisEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every way the event source mapping can deliver a shard's records again, against the real ClickHouse, ZooKeeper
 * and Kinesis: each test asserts that the table holds each record exactly once.
 */
class ExactlyOnceIT {

    private static final int RECORDS = 100;
    private static IngestFixture fixture;
    private static String streamArn;
    private static String shardId;
    private static KinesisEvent all;

    private String table;
    private Map<String, String> env;

    @BeforeAll
    static void putRecords() {
        fixture = new IngestFixture("it_exactly_once");
        IngestFixture.OrderStream stream = fixture.orderStream("it-exactly-once", RECORDS);
        streamArn = stream.arn();
        shardId = stream.shardId();
        all = stream.all();
    }

    @BeforeEach
    void createTable(TestInfo test) {
        table = "t_" + test.getTestMethod().orElseThrow().getName();
        fixture.execute("DROP TABLE IF EXISTS DB." + table);
        fixture.execute("DROP TABLE IF EXISTS DB." + table + "_shardhouse_errors");
        fixture.execute("CREATE TABLE DB." + table + " (id UInt64, name String, _shard_id String,"
                + " _sequence_number String) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        env = fixture.env(table, IngestFixture.uniqueName("cp_" + table));
    }

    private void assertEveryRecordOnce(int expected) {
        assertEquals(expected, fixture.count("SELECT count() FROM DB." + table), "rows");
        assertEquals(expected, fixture.count("SELECT uniqExact(_sequence_number) FROM DB." + table), "distinct records");
        assertEquals(expected, fixture.count("SELECT uniqExact(id) FROM DB." + table), "distinct ids");
        long expectedIdSum = (long) expected * (expected - 1) / 2;
        assertEquals(expectedIdSum, fixture.count("SELECT sum(id) FROM DB." + table), "the first " + expected + " ids");
    }

    private Checkpoint storedCheckpoint(IngestHandler handler) {
        return handler.pipeline().processor().checkpoints()
                .read(handler.pipeline().streams().identity(streamArn), shardId);
    }

    @Test
    void theSameBatchDeliveredThreeTimesLandsOnce() {
        IngestHandler handler = fixture.handler(env);
        for (int delivery = 0; delivery < 3; delivery++) {
            handler.handleRequest(all, null);
        }
        assertEveryRecordOnce(RECORDS);
        assertEquals(RECORDS, storedCheckpoint(handler).recordsCommitted());
    }

    @Test
    void anOverlappingRedeliveryAddsOnlyTheNewRecords() {
        IngestHandler handler = fixture.handler(env);
        handler.handleRequest(IngestFixture.slice(all, 0, 60), null);
        handler.handleRequest(IngestFixture.slice(all, 40, RECORDS), null);
        assertEveryRecordOnce(RECORDS);
    }

    @Test
    void aCrashBetweenInsertAndCheckpointIsRepairedByTheRedelivery() {
        IngestHandler crashing = fixture.handler(env, FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, 1));
        assertThrows(BatchFailedException.class, () -> crashing.handleRequest(all, null));
        // The insert landed but the checkpoint still says BEFORE_PROCESSING: the state a crash leaves behind.
        assertEquals(RECORDS, fixture.count("SELECT count() FROM DB." + table));
        assertEquals(Phase.BEFORE_PROCESSING, storedCheckpoint(crashing).phase());

        IngestHandler restarted = fixture.handler(env);
        restarted.handleRequest(all, null);
        assertEveryRecordOnce(RECORDS);
        Checkpoint after = storedCheckpoint(restarted);
        assertEquals(Phase.AFTER_PROCESSING, after.phase());
        assertEquals(all.getRecords().get(RECORDS - 1).getKinesis().getSequenceNumber(),
                after.committed().orElseThrow().sequenceNumber());
    }

    @Test
    void aBisectedRedeliveryAfterACrashReadsTheClaimedRangeBackFromKinesis() {
        IngestHandler crashing = fixture.handler(env, FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, 1));
        assertThrows(BatchFailedException.class, () -> crashing.handleRequest(all, null));

        // Bisect-on-error: the mapping now sends halves; the first holds only part of the claimed range.
        IngestHandler restarted = fixture.handler(env);
        restarted.handleRequest(IngestFixture.slice(all, 0, RECORDS / 2), null);
        restarted.handleRequest(IngestFixture.slice(all, RECORDS / 2, RECORDS), null);
        assertEveryRecordOnce(RECORDS);
    }

    @Test
    void aClaimWhoseInsertNeverHappenedIsInsertedByTheNextDelivery() {
        IngestHandler failing = fixture.handler(env, FaultyCheckpointStore.injecting(Fault.AFTER_CLAIM, 1));
        assertThrows(BatchFailedException.class, () -> failing.handleRequest(all, null));
        assertEquals(0, fixture.count("SELECT count() FROM DB." + table));

        IngestHandler restarted = fixture.handler(env);
        restarted.handleRequest(IngestFixture.slice(all, 0, 30), null);
        // The whole claimed range came back from Kinesis, not just the 30 records delivered.
        assertEveryRecordOnce(RECORDS);
        restarted.handleRequest(IngestFixture.slice(all, 30, RECORDS), null);
        assertEveryRecordOnce(RECORDS);
    }

    @Test
    void concurrentInvocationsOnOneShardNeitherClobberNorDuplicate() throws Exception {
        // With ParallelizationFactor 1 the mapping never hands out records beyond uncommitted ones, so concurrent
        // deliveries of a shard are retries and bisections that start where the committed position ends: here, the
        // first record. (Records beyond a gap are what a factor above 1 produces; the stack refuses it.)
        List<KinesisEvent> deliveries = List.of(all, all, IngestFixture.slice(all, 0, 70),
                IngestFixture.slice(all, 0, 30), IngestFixture.slice(all, 0, 50), all);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (KinesisEvent delivery : deliveries) {
            IngestHandler handler = fixture.handler(env);
            results.add(pool.submit(() -> {
                start.await();
                return handler.handleRequest(delivery, null);
            }));
        }
        start.countDown();
        for (Future<?> result : results) {
            result.get();
        }
        pool.shutdown();
        assertEveryRecordOnce(RECORDS);
    }

    /**
     * Was (issue 12, case 11): ParallelizationFactor 2 splits a shard by partition key into concurrent batches. Once
     * one batch's claim is committed, the other's records inside its bounds were "covered" by the committed position
     * and skipped as duplicates: lost, with every invocation reporting success. The committed claim now keeps a filter
     * of its positions, and a covered record that is not one of them fails the batch loudly.
     */
    @Test
    void aBatchOfOtherPartitionKeysInsideACommittedClaimFailsLoudlyInsteadOfBeingSkipped() {
        KinesisEvent evens = new KinesisEvent();
        evens.setRecords(IntStream.range(0, RECORDS).filter(i -> i % 2 == 0).mapToObj(all.getRecords()::get).toList());
        KinesisEvent odds = new KinesisEvent();
        odds.setRecords(IntStream.range(0, RECORDS).filter(i -> i % 2 == 1).mapToObj(all.getRecords()::get).toList());
        IngestHandler handler = fixture.handler(env);
        handler.handleRequest(evens, null);

        BatchFailedException failure = assertThrows(BatchFailedException.class, () -> handler.handleRequest(odds, null));

        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("ParallelizationFactor above 1"), cause.getMessage());
        assertEquals(RECORDS / 2, fixture.count("SELECT count() FROM DB." + table), "the first batch's records only");
    }

    @Test
    void identicalRecordsInDifferentBatchesAreAllKept() {
        // Without metadata columns two batches of the same payloads make identical blocks, which ClickHouse would
        // merge by content hash; the per-range token keeps them apart.
        fixture.execute("DROP TABLE IF EXISTS DB." + table);
        fixture.execute("CREATE TABLE DB." + table + " (id UInt64, name String) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        byte[] same = "{\"id\":1,\"name\":\"same\"}".getBytes(StandardCharsets.UTF_8);
        IngestHandler handler = fixture.handler(env);
        for (int batch = 0; batch < 3; batch++) {
            List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                records.add(KinesisEvents.record(streamArn, "shardId-000000000777", Integer.toString(100 + batch * 5 + i),
                        "k", same, 1_700_000_000_000L));
            }
            KinesisEvent event = new KinesisEvent();
            event.setRecords(records);
            handler.handleRequest(event, null);
            handler.handleRequest(event, null);
        }
        assertEquals(15, fixture.count("SELECT count() FROM DB." + table));
    }

    @Test
    void sequenceNumbersOf129DigitsAreOrderedAndStoredExactly() {
        String base = "4" + "0".repeat(120);
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sequence = base + String.format("%08d", i * 7);
            records.add(KinesisEvents.record(streamArn, "shardId-000000000999", sequence, "k",
                    ("{\"id\":" + i + ",\"name\":\"n\"}").getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L));
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        IngestHandler handler = fixture.handler(env);
        handler.handleRequest(IngestFixture.slice(event, 0, 12), null);
        handler.handleRequest(event, null);
        assertEveryRecordOnce(20);
        assertEquals(base + "00000133",
                fixture.query("SELECT _sequence_number FROM DB." + table + " WHERE id = 19").get(0).getString(1));
        assertEquals(129, fixture.count("SELECT max(length(_sequence_number)) FROM DB." + table));
    }

    @Test
    void aRedeliveryHoldingACrashedClaimAndNewRecordsCountsEachRecordOnce() {
        IngestHandler crashing = fixture.handler(env, FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, 1));
        assertThrows(BatchFailedException.class, () -> crashing.handleRequest(IngestFixture.slice(all, 0, 40), null));

        BatchOutcome outcome = IngestFixture.process(fixture.handler(env), all);

        assertEquals(40, outcome.recovered());
        assertEquals(RECORDS - 40, outcome.inserted());
        assertEquals(0, outcome.duplicates(), "the recovered records are not counted again");
        assertEveryRecordOnce(RECORDS);
    }

    @Test
    void recordsDeliveredOutOfOrderAreClaimedInOrder() {
        List<KinesisEvent.KinesisEventRecord> backwards = new ArrayList<>(all.getRecords());
        Collections.reverse(backwards);
        KinesisEvent reversed = new KinesisEvent();
        reversed.setRecords(backwards);

        fixture.handler(env).handleRequest(reversed, null);

        assertEveryRecordOnce(RECORDS);
    }

    @Test
    void aWarmInstanceWhoseCheckpointAnotherMovedPlansAgain() {
        IngestHandler warm = fixture.handler(env);
        warm.handleRequest(IngestFixture.slice(all, 0, 30), null);
        fixture.handler(env).handleRequest(IngestFixture.slice(all, 30, 60), null);

        // The warm instance remembers its own commit at 29: its claim from there loses and must not count as done.
        warm.handleRequest(IngestFixture.slice(all, 60, RECORDS), null);

        assertEveryRecordOnce(RECORDS);
    }
}
