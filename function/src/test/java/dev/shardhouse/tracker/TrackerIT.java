package dev.shardhouse.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseClients;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Environment;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Routing;
import dev.shardhouse.testing.ClickHouseProxy;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.StdoutCapture;
import dev.shardhouse.testing.TestStreams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The tracker against the local Kinesis emulator and ClickHouse. Checkpoint rows are written with SQL, standing in
 * for the ingest function. Every test has its own stream; the tables in {@code tracker_it} are shared and every
 * assertion filters by the test's stream ARN.
 */
class TrackerIT {

    private static final String DB = "tracker_it";
    private static final String CHECKPOINTS = DB + ".shardhouse_claims";
    private static final String ARCHIVE = DB + ".shardhouse_claims_archive";
    private static final String LINEAGE = DB + ".shardhouse_shards";
    private static final String EVENTS = DB + ".shardhouse_reshard_events";
    /** The target table of the pipeline whose checkpoints the tracker under test keeps (it need not exist). */
    private static final String TARGET = "events";
    private static final String PIPELINE = CheckpointTables.pipeline(DB, TARGET);

    private static KinesisClient kinesis;
    private static Client clickHouse;
    private static ClickHouseSql sql;
    private static final List<String> CREATED_STREAMS = new ArrayList<>();

    @BeforeAll
    static void services() throws Exception {
        kinesis = LocalServices.kinesis();
        try (Client admin = LocalServices.clickHouse("default")) {
            admin.execute("CREATE DATABASE IF NOT EXISTS " + DB).get().close();
        }
        clickHouse = LocalServices.clickHouse(DB);
        sql = new ClickHouseSql(clickHouse);
        for (String table : List.of(CHECKPOINTS, ARCHIVE, LINEAGE, EVENTS)) {
            clickHouse.execute("DROP TABLE IF EXISTS " + table + " SYNC").get().close();
        }
        // Every handler creates them too; tests that write checkpoints before their first run need them now.
        TrackerTables.createAll(sql, config(arnOf("tracker-it")));
    }

    @AfterAll
    static void cleanUp() {
        for (String stream : CREATED_STREAMS) {
            try {
                kinesis.deleteStream(request -> request.streamName(stream));
            } catch (ResourceNotFoundException alreadyGone) {
                // a test that failed between deleting and recreating its stream
            }
        }
        clickHouse.close();
    }

    @Test
    void aStreamThatDoesNotExistIsOneLineNamingItAndWhatToCheck() throws Exception {
        String missing = arnOf("no-such-stream-tracker-it");
        TrackerHandler tracker = handler("no-such-stream-tracker-it");
        ConfigException[] thrown = new ConfigException[1];

        List<String> lines = StdoutCapture.during(() ->
                thrown[0] = assertThrows(ConfigException.class, () -> run(tracker)));

        assertEquals("STREAM_ARN", thrown[0].setting());
        assertTrue(thrown[0].getMessage().contains(ConfigException.NO_SUCH_STREAM_CHECK), thrown[0].getMessage());
        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertEquals("ERROR", line.get("level").asText());
        assertEquals("stream_not_found", line.get("event").asText());
        assertEquals(missing, line.get("stream").asText());
        assertEquals("STREAM_ARN", line.get("setting").asText());
        assertEquals(ConfigException.NO_SUCH_STREAM_CHECK, line.get("check").asText());
    }

    @Test
    void scaleOutFromFourToEightShards() throws Exception {
        Tracked tracked = track("scale-out", 4);
        StreamIdentity stream = tracked.stream();

        assertEquals("PROVISIONED", tracked.firstRun().streamMode());
        assertEquals(24, tracked.firstRun().retentionHours());
        assertEquals(List.of(), tracked.firstRun().reshardEvents());
        assertEquals(4, tracked.firstRun().lineageRowsWritten());
        for (int shard = 0; shard < 4; shard++) {
            insertCheckpoint(stream, id(shard), "AFTER_PROCESSING", 3, "4960" + shard);
        }

        reshard(tracked, () -> kinesis.updateShardCount(request -> request.streamName(tracked.name())
                .targetShardCount(8).scalingType(ScalingType.UNIFORM_SCALING)));
        TrackerReport scaled = run(tracked.tracker());

        assertEquals(8, scaled.openShards());
        assertEquals(4, scaled.closedShards());
        assertLineageAndEvents(tracked,
                event("split|shardId-000000000000", "split", List.of(id(0)), List.of(id(4), id(5)), 4, 8),
                event("split|shardId-000000000001", "split", List.of(id(1)), List.of(id(6), id(7)), 4, 8),
                event("split|shardId-000000000002", "split", List.of(id(2)), List.of(id(8), id(9)), 4, 8),
                event("split|shardId-000000000003", "split", List.of(id(3)), List.of(id(10), id(11)), 4, 8),
                event("scale-out|shardId-000000000004", "scale-out", List.of(id(0), id(1), id(2), id(3)),
                        List.of(id(4), id(5), id(6), id(7), id(8), id(9), id(10), id(11)), 4, 8));
        assertEquals(0, scaled.checkpointsRetired(), "no child has a checkpoint yet");

        // The ingest function has begun both children of shards 0 and 1, one child of shard 2, none of shard 3.
        for (int child : new int[] {4, 5, 6, 7, 8}) {
            insertCheckpoint(stream, id(child), "AFTER_PROCESSING", 1, "4970" + child);
        }
        assertRetirement(run(tracked.tracker()), 2, stream,
                List.of(archived(stream, id(0), 3, "49600", "children checkpointed"),
                        archived(stream, id(1), 3, "49601", "children checkpointed")),
                List.of(id(2), id(3), id(4), id(5), id(6), id(7), id(8)));

        assertSecondRunWritesNothing(tracked.tracker(), stream);
    }

    @Test
    void splitShard() throws Exception {
        Tracked tracked = track("split", 2);
        StreamIdentity stream = tracked.stream();
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 9, "49611");

        reshard(tracked, () -> kinesis.splitShard(request -> request.streamName(tracked.name()).shardToSplit(id(0))
                .newStartingHashKey("85070591730234615865843651857942052863")));
        TrackerReport split = run(tracked.tracker());

        assertEquals(List.of("split|shardId-000000000000", "scale-out|shardId-000000000002"), split.reshardEvents());
        assertLineageAndEvents(tracked,
                event("split|shardId-000000000000", "split", List.of(id(0)), List.of(id(2), id(3)), 2, 3),
                event("scale-out|shardId-000000000002", "scale-out", List.of(id(0)), List.of(id(2), id(3)), 2, 3));

        insertCheckpoint(stream, id(2), "BEFORE_PROCESSING", 1, "");
        insertCheckpoint(stream, id(3), "AFTER_PROCESSING", 2, "49622");
        assertRetirement(run(tracked.tracker()), 1, stream,
                List.of(archived(stream, id(0), 9, "49611", "children checkpointed")), List.of(id(2), id(3)));

        assertSecondRunWritesNothing(tracked.tracker(), stream);
    }

    @Test
    void mergeShards() throws Exception {
        Tracked tracked = track("merge", 3);
        StreamIdentity stream = tracked.stream();
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 4, "49630");
        // An insert in flight: this row must survive although its shard is finished.
        insertCheckpoint(stream, id(1), "BEFORE_PROCESSING", 5, "49631");

        reshard(tracked, () -> kinesis.mergeShards(request -> request.streamName(tracked.name())
                .shardToMerge(id(0)).adjacentShardToMerge(id(1))));
        insertCheckpoint(stream, id(3), "AFTER_PROCESSING", 1, "49633");
        TrackerReport merged = run(tracked.tracker());

        assertLineageAndEvents(tracked,
                event("merge|shardId-000000000003", "merge", List.of(id(0), id(1)), List.of(id(3)), 3, 2),
                event("scale-in|shardId-000000000003", "scale-in", List.of(id(0), id(1)), List.of(id(3)), 3, 2));
        assertRetirement(merged, 1, stream,
                List.of(archived(stream, id(0), 4, "49630", "children checkpointed")), List.of(id(1), id(3)));

        assertSecondRunWritesNothing(tracked.tracker(), stream);
    }

    @Test
    void deletedAndRecreatedStream() throws Exception {
        Tracked tracked = track("recreate", 2);
        StreamIdentity old = tracked.stream();
        insertCheckpoint(old, id(0), "AFTER_PROCESSING", 6, "49640");
        insertCheckpoint(old, id(1), "BEFORE_PROCESSING", 7, "49641");

        kinesis.deleteStream(request -> request.streamName(tracked.name()));
        awaitGone(tracked.name());
        createStream(tracked.name(), 1);
        StreamIdentity recreated = identity(tracked.name());
        TrackerReport report = run(tracked.tracker());

        assertEquals(List.of("stream-recreated"), report.reshardEvents());
        assertEquals(List.of(event("stream-recreated", "stream-recreated", List.of(), List.of(id(0)), 2, 1)), events(recreated));
        assertEquals(List.of(
                        "shardId-000000000000|listed=false|created=" + old.createdMillis(),
                        "shardId-000000000001|listed=false|created=" + old.createdMillis(),
                        "shardId-000000000000|listed=true|created=" + recreated.createdMillis()),
                lineageListing(old.streamArn()));
        assertRetirement(report, 2, old,
                List.of(archived(old, id(0), 6, "49640", "stream recreated"),
                        archived(old, id(1), 7, "49641", "stream recreated")),
                List.of());

        assertSecondRunWritesNothing(tracked.tracker(), recreated);
    }

    @Test
    void shardNoLongerListed() throws Exception {
        Tracked tracked = track("expired", 1);
        StreamIdentity stream = tracked.stream();
        // A shard the lineage listed earlier and a checkpoint of it: both outlived the shard's retention.
        clickHouse.execute("INSERT INTO " + LINEAGE + " SELECT {arn:String}, {created:Int64}, 'shardId-000000000099', '', '',"
                        + " 0, 5, '49000', true, true, now64(3), now64(3), now64(3) - INTERVAL 1 HOUR",
                Map.of("arn", stream.streamArn(), "created", stream.createdMillis())).get().close();
        insertCheckpoint(stream, id(99), "AFTER_PROCESSING", 12, "49699");

        TrackerReport report = run(tracked.tracker());

        assertEquals(List.of("shard-expired|shardId-000000000099"), report.reshardEvents());
        assertEquals(List.of(event("shard-expired|shardId-000000000099", "shard-expired", List.of(id(99)), List.of(), 1, 1)),
                events(stream));
        assertEquals(List.of(
                        "shardId-000000000000|listed=true|created=" + stream.createdMillis(),
                        "shardId-000000000099|listed=false|created=" + stream.createdMillis()),
                lineageListing(stream.streamArn()));
        assertRetirement(report, 1, stream, List.of(archived(stream, id(99), 12, "49699", "shard expired")), List.of());

        assertSecondRunWritesNothing(tracked.tracker(), stream);
    }

    @Test
    void stalledShardsAreThoseWithRecordsWaitingTooLong() throws Exception {
        String name = newStream("stall", 4);
        StreamIdentity stream = identity(name);
        List<Shard> shards = kinesis.listShards(request -> request.streamName(name)).shards();
        String a = put(name, shards.get(0));
        String b1 = put(name, shards.get(1));
        put(name, shards.get(1));
        put(name, shards.get(2));
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 2, a);
        insertCheckpoint(stream, id(1), "AFTER_PROCESSING", 2, b1);

        // Twenty minutes on, everything written now is older than the fifteen-minute stall time.
        TrackerHandler later = new TrackerHandler(config(arnOf(name)), kinesis, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)));
        TrackerReport report = run(later);

        // 0: nothing beyond its checkpoint. 1: a record beyond it. 2: records and no checkpoint. 3: empty.
        assertEquals(List.of(id(1), id(2)), report.stalledShards());
        assertEquals(List.of(), report.unprobedShards());
    }

    /**
     * The simulation's seed 1891: an invocation killed after its insert left its claim pending on a shard that then
     * closed, and every record of the claim aged out, so no retry replays it. The row stayed pending for good and the
     * tracker never retired it. kinesis-mock keeps records at least 24 h: the parent holds none, as a parent does a
     * retention period after its split, and the claim names sequence numbers below the shard's start.
     */
    @Test
    void aClosedShardsClaimWhoseRecordsAllAgedOutIsCommittedAsExpiredAndTheShardThenRetired() throws Exception {
        Tracked tracked = track("expired-claim", 1);
        StreamIdentity stream = tracked.stream();
        claim(stream, id(0), "1", "2", "3");
        reshard(tracked, () -> kinesis.splitShard(request -> request.streamName(tracked.name()).shardToSplit(id(0))
                .newStartingHashKey("85070591730234615865843651857942052863")));
        insertCheckpoint(stream, id(1), "AFTER_PROCESSING", 1, "49691");
        insertCheckpoint(stream, id(2), "AFTER_PROCESSING", 1, "49692");
        TrackerHandler later = new TrackerHandler(config(arnOf(tracked.name())), kinesis,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)));

        List<JsonNode> lines = runLogged(later);
        TrackerReport retiring = run(later);

        JsonNode expired = line(lines, "claim_records_expired");
        assertEquals(List.of(3, id(0), "1", "3"), List.of(expired.path("RecordsExpired").asInt(),
                expired.path("shard").asText(), expired.path("claimFirstSequence").asText(),
                expired.path("claimLastSequence").asText()));
        assertEquals("[{\"shardId\":\"" + id(0) + "\",\"firstSequence\":\"1\",\"lastSequence\":\"3\","
                + "\"records\":3}]", line(lines, "resharding_tracker_run").get("expiredClaims").toString());
        assertEquals(1, retiring.checkpointsRetired());
        // Committed at the claim's last record, its records counted in as a replay counts expired ones, by the tracker.
        assertEquals(List.of(key(stream, id(0)) + " 2 3 " + ExpiredClaims.OWNER + " 3 children checkpointed"),
                archive(stream));
        assertEquals(List.of(id(1), id(2)), checkpointShards(stream));
    }

    /**
     * Only a claim with no record left is committed: one whose records are still there stays for a replay to write;
     * an idle open shard with no record left has lost them. (A claim whose start aged out and whose end is left is
     * {@code ExpiredClaimsTest}'s: kinesis-mock answers a starting sequence number it never had with "not found",
     * which leaves the claim as it is, whatever the shard holds.)
     */
    @Test
    void aClaimIsCommittedAsExpiredOnlyWhenNoneOfItsRecordsIsLeft() throws Exception {
        String name = newStream("expired-claims", 2);
        StreamIdentity stream = identity(name);
        Shard first = kinesis.listShards(request -> request.streamName(name)).shards().get(0);
        String kept = put(name, first);
        String keptToo = put(name, first);
        claim(stream, id(0), kept, keptToo);
        claim(stream, id(1), "1", "2");
        TrackerHandler later = new TrackerHandler(config(arnOf(name)), kinesis,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)));

        TrackerReport now = run(handler(name));
        TrackerReport report = run(later);

        assertEquals(List.of(), now.expiredClaims(), "a claim that moved less than the stall time ago is not looked at");
        assertEquals(List.of(new ExpiredClaim(id(1), "1", "2", 2)), report.expiredClaims());
        assertEquals(List.of("BEFORE_PROCESSING", "AFTER_PROCESSING"), List.of(state(stream, id(0)), state(stream, id(1))));
    }

    @Test
    void aStreamOfAnotherAccountIsFollowedByItsArnNotTheSameNamedStreamOfTheTrackersAccount() throws Exception {
        TestStreams otherAccount = new TestStreams(LocalServices.kinesisOfAccount("111111111111"));
        String name = "tracker-it-other-account-" + System.currentTimeMillis();
        String theirs = otherAccount.createNamed(name, 3);
        try {
            createStream(name, 1);
            String waiting = otherAccount.put(theirs, List.of("{}".getBytes(StandardCharsets.UTF_8)), i -> "k").get(0).shardId();

            TrackerReport report = run(new TrackerHandler(config(theirs), kinesis,
                    Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20))));

            assertEquals(List.of(theirs, 3, List.of(waiting), List.of()),
                    List.of(report.streamArn(), report.openShards(), report.stalledShards(), report.unprobedShards()));
        } finally {
            otherAccount.delete(theirs);
        }
    }

    @Test
    void twoRunsAtOnceRecordEachEventOnceAndArchiveEachCheckpointOnce() throws Exception {
        Tracked tracked = track("concurrent", 2);
        StreamIdentity stream = tracked.stream();
        reshard(tracked, () -> kinesis.splitShard(request -> request.streamName(tracked.name()).shardToSplit(id(1))
                .newStartingHashKey("255211775190703847597530955573826158592")));
        // Both runs find shard 1 read to its end and retire its checkpoint at the same moment.
        insertCheckpoint(stream, id(1), "AFTER_PROCESSING", 8, "49671");
        insertCheckpoint(stream, id(2), "AFTER_PROCESSING", 1, "49672");
        insertCheckpoint(stream, id(3), "AFTER_PROCESSING", 1, "49673");

        TrackerHandler one = handler(tracked.name());
        TrackerHandler two = handler(tracked.name());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<TrackerReport> first = pool.submit(() -> {
                start.await();
                return run(one);
            });
            Future<TrackerReport> second = pool.submit(() -> {
                start.await();
                return run(two);
            });
            start.countDown();
            first.get();
            second.get();
        } finally {
            pool.shutdown();
        }

        assertLineageAndEvents(tracked,
                event("split|shardId-000000000001", "split", List.of(id(1)), List.of(id(2), id(3)), 2, 3),
                event("scale-out|shardId-000000000002", "scale-out", List.of(id(1)), List.of(id(2), id(3)), 2, 3));
        assertEquals(List.of(archived(stream, id(1), 8, "49671", "children checkpointed")), archive(stream));
        assertEquals(List.of(id(2), id(3)), checkpointShards(stream));
    }

    @Test
    void theTrackerKeepsToItsOwnPipelinesCheckpoints() throws Exception {
        StreamIdentity stream = unlistedStream("two-pipelines");
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 4, "49680");
        clickHouse.execute("INSERT INTO " + CHECKPOINTS + " (key, stream_arn, stream_created_ms, shard_id, state, revision)"
                + " SELECT {key:String}, {arn:String}, {created:Int64}, {shard:String}, 'AFTER_PROCESSING', 2",
                Map.of("key", CheckpointTables.keyPrefix(CheckpointTables.pipeline(DB, "other")) + stream.checkpointKey(id(0)),
                        "arn", stream.streamArn(), "created", stream.createdMillis(), "shard", id(0))).get().close();

        // Another pipeline's row of the same shard made the tracker's rules see the shard twice, and fail.
        assertEquals(List.of(key(stream, id(0))),
                checkpoints().ofStream(stream.streamArn()).rows().stream().map(CheckpointRow::key).toList());
    }

    @Test
    void retirementLeavesARowTheIngestFunctionMovedOn() throws Exception {
        StreamIdentity stream = unlistedStream("moved");
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 4, "49650");
        CheckpointRow readAtRevision3 = new CheckpointRow(key(stream, id(0)), stream, id(0), "AFTER_PROCESSING", 3,
                "49640", Instant.now());

        assertEquals(0, checkpoints().retire(List.of(new Retirement(readAtRevision3, ArchiveReason.SHARD_EXPIRED)), Instant.now()));
        assertEquals(List.of(), archive(stream));
        assertEquals(List.of(id(0)), checkpointShards(stream));
    }

    @Test
    void retirementRepeatedAfterACrashBetweenArchiveAndDeleteKeepsOneCopy() throws Exception {
        StreamIdentity stream = unlistedStream("crash");
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 5, "49660");
        Checkpoints checkpoints = checkpoints();
        Retirement retirement = new Retirement(checkpoints.ofStream(stream.streamArn()).rows().get(0), ArchiveReason.SHARD_EXPIRED);
        // The crashed run archived the row but did not delete it.
        clickHouse.execute("INSERT INTO " + ARCHIVE + " SELECT *, now64(3), 'shard expired' FROM " + CHECKPOINTS
                + " WHERE key = {key:String}", Map.of("key", key(stream, id(0)))).get().close();

        assertEquals(1, checkpoints.retire(List.of(retirement), Instant.now()));
        assertEquals(List.of(archived(stream, id(0), 5, "49660", "shard expired")), archive(stream));
        assertEquals(List.of(), checkpointShards(stream));
    }

    @Test
    void aThousandRetirementsTakeAStatementOfEachKindPerChunk() throws Exception {
        StreamIdentity stream = unlistedStream("many");
        int rows = 2 * Checkpoints.CHUNK + 1;
        List<String> shards = IntStream.range(0, rows).mapToObj(TrackerIT::id).toList();
        insertCheckpoints(key(stream, ""), stream, shards);
        Checkpoints checkpoints = checkpoints();
        List<Retirement> retirements = checkpoints.ofStream(stream.streamArn()).rows().stream()
                .map(row -> new Retirement(row, ArchiveReason.SHARD_EXPIRED)).toList();
        Instant before = Instant.now();

        assertEquals(rows, checkpoints.retire(retirements, Instant.now()));

        assertEquals(shards.stream().sorted().map(shard -> archived(stream, shard, 4, "4980" + shard, "shard expired"))
                .toList(), archive(stream));
        assertEquals(List.of(), checkpointShards(stream));
        // Three chunks: a delete each, where a delete per row took 1,001 (bin/bench --tracker).
        assertEquals(3, statementsSince(before, "Alter", CHECKPOINTS));
    }

    /**
     * A chunk of keys travels as one URL parameter, and ClickHouse refuses a URL parameter over 128 KiB
     * (http_max_field_value_size, "HTML Form Exception: Field value too long"). Every name here is within its limit:
     * a stream name of 128 characters (Kinesis's maximum), a target table of 26; 500 keys of 266 characters then make
     * a chunk the server refuses, and every run of the tracker fails at its first chunk. One row a statement passed.
     */
    @Test
    void aChunkOfRetirementsOfAStreamWithALongNameIsRetired() throws Exception {
        String name = ("tracker-it-long-name-" + System.currentTimeMillis() + "-").concat("x".repeat(128)).substring(0, 128);
        StreamIdentity stream = new StreamIdentity("arn:aws:kinesis:ap-southeast-2:123456789012:stream/" + name,
                1_767_225_600_000L);
        String pipeline = CheckpointTables.pipeline(DB, "kinesis_clickstream_events");
        List<String> shards = IntStream.range(0, Checkpoints.CHUNK).mapToObj(TrackerIT::id).toList();
        // As the ingest function leaves them: committed by their records, which are spent once the rows are retired.
        insertRecordCommittedCheckpoints(CheckpointTables.keyPrefix(pipeline) + stream.checkpointKey(""), stream, shards);
        Checkpoints checkpoints = new Checkpoints(sql, DB, "shardhouse_claims", "shardhouse_claims_archive", pipeline);
        List<Retirement> retirements = checkpoints.ofStream(stream.streamArn()).rows().stream()
                .map(row -> new Retirement(row, ArchiveReason.SHARD_EXPIRED)).toList();
        assertEquals(Checkpoints.CHUNK, retirements.size());

        assertEquals(Checkpoints.CHUNK, checkpoints.retire(retirements, Instant.now()));
        List<String> spent = checkpoints.ofStream(stream.streamArn()).spentCommits();
        assertEquals(Checkpoints.CHUNK, spent.size());
        checkpoints.forget(spent);
        assertEquals(Checkpoints.CHUNK, count(ARCHIVE, stream.streamArn()));
        assertEquals(0, count(CHECKPOINTS, stream.streamArn()));
    }

    /**
     * A shard's last claim committed only by its commit record (the ingest function's commit since issue 14) is archived
     * as committed; a row committed in place retires as it is; the records, spent once their rows are gone, go by
     * forget.
     */
    @Test
    void aCheckpointCommittedByItsRecordIsArchivedAsCommittedAndItsRecordsDeleted() throws Exception {
        StreamIdentity stream = unlistedStream("commit-records");
        List<String> shards = IntStream.range(0, 12).mapToObj(TrackerIT::id).toList();
        insertRecordCommittedCheckpoints(key(stream, ""), stream, shards.subList(0, 10));
        insertCheckpoints(key(stream, ""), stream, shards.subList(10, 12));
        insertCommitRecord(key(stream, id(11)), stream, id(11), "token-moved-past");
        Checkpoints checkpoints = checkpoints();
        CheckpointScan scan = checkpoints.ofStream(stream.streamArn());
        assertEquals(shards, scan.rows().stream().map(CheckpointRow::shardId).sorted().toList(), "records are not rows");
        assertTrue(scan.rows().stream().allMatch(CheckpointRow::afterProcessing));
        assertEquals(shards.stream().map(shard -> "4980" + shard).toList(),
                scan.rows().stream().sorted(Comparator.comparing(CheckpointRow::shardId))
                        .map(CheckpointRow::committedSequence).toList());
        assertEquals(List.of(CheckpointTables.commitKey(key(stream, id(11)), "token-moved-past")), scan.spentCommits());

        assertEquals(12, checkpoints.retire(scan.rows().stream()
                .map(row -> new Retirement(row, ArchiveReason.SHARD_EXPIRED)).toList(), Instant.now()));
        // Their records stay until a scan finds them spent, their rows gone.
        assertEquals(11, count(CHECKPOINTS, stream.streamArn()));
        checkpoints.forget(checkpoints.ofStream(stream.streamArn()).spentCommits());

        assertEquals(shards.stream().map(shard -> archived(stream, shard, 4, "4980" + shard, "shard expired")).toList(),
                archive(stream));
        assertEquals(List.of(), checkpointShards(stream), "neither rows nor commit records are left");
    }

    /**
     * A row to retire may come with the spent commit records of many batches (one a batch; the tracker may run hourly).
     * Sent with the row in one statement's parameters, 1,000 of them passed the 128 KiB ClickHouse takes in one
     * (http_max_field_value_size) and every run failed there, before it forgot any spent record (adversarial review,
     * 2026-12-03): the row now goes with the record that commits it only, the spent ones by forget, in chunks.
     */
    @Test
    void aRowRetiredWithTheCommitRecordsOfManyBatchesIsRetired() throws Exception {
        StreamIdentity stream = unlistedStream("many-records");
        insertRecordCommittedCheckpoints(key(stream, ""), stream, List.of(id(0)));
        int spentRecords = 1000;
        // The commit records of 1,000 earlier claims of the shard, as commit() writes them (the key computed by SQL).
        clickHouse.execute("INSERT INTO " + CHECKPOINTS + " (key, stream_arn, stream_created_ms, shard_id, state, revision,"
                        + " pending_token, owner, updated_at) SELECT concat({key:String}, '#committed#',"
                        + " lower(hex(substring(SHA256(token), 1, 16)))), {arn:String}, {created:Int64}, {shard:String},"
                        + " {state:String}, 3, token, 'tracker-it', now64(3)"
                        + " FROM (SELECT concat('token-earlier-', toString(number)) AS token FROM numbers({n:UInt32}))"
                        + " SETTINGS keeper_map_strict_mode = 1",
                Map.of("key", key(stream, id(0)), "arn", stream.streamArn(), "created", stream.createdMillis(),
                        "shard", id(0), "state", CheckpointTables.COMMIT_STATE, "n", spentRecords)).get().close();
        Checkpoints checkpoints = checkpoints();
        CheckpointScan scan = checkpoints.ofStream(stream.streamArn());
        assertEquals(spentRecords, scan.spentCommits().size());

        checkpoints.forget(scan.spentCommits());
        assertEquals(1, checkpoints.retire(scan.rows().stream()
                .map(row -> new Retirement(row, ArchiveReason.SHARD_EXPIRED)).toList(), Instant.now()));
        checkpoints.forget(checkpoints.ofStream(stream.streamArn()).spentCommits());
        assertEquals(List.of(), checkpointShards(stream));
    }

    /**
     * Commit records the scan finds spent go, and only those: a record of a claim the row has moved past, and one whose
     * checkpoint was retired before a late commit made it; the record of the row's pending claim is its commit.
     */
    @Test
    void spentCommitRecordsAreForgottenAndTheOneInUseIsKept() throws Exception {
        StreamIdentity stream = unlistedStream("spent-commits");
        insertRecordCommittedCheckpoints(key(stream, ""), stream, List.of(id(0)));
        insertCommitRecord(key(stream, id(0)), stream, id(0), "token-folded");
        insertCommitRecord(key(stream, id(1)), stream, id(1), "token-of-a-retired-row");
        Checkpoints checkpoints = checkpoints();

        checkpoints.forget(checkpoints.ofStream(stream.streamArn()).spentCommits());

        CheckpointScan after = checkpoints.ofStream(stream.streamArn());
        assertEquals(List.of(), after.spentCommits());
        assertEquals(1, clickHouse.queryAll("SELECT count() AS n FROM " + CHECKPOINTS + " WHERE key = {key:String}",
                Map.of("key", CheckpointTables.commitKey(key(stream, id(0)), "token-" + id(0)))).get(0).getLong("n"),
                "the record in use stays");
        assertTrue(after.rows().get(0).markedCommitted());
    }

    /**
     * KeeperMap's ALTER DELETE removes the rows of the first block its read yields and returns
     * (StorageKeeperMap::mutate): a read of more keys than max_block_size yields several blocks. With a settings profile
     * of max_block_size = 4, a chunk of 10 retirements deletes 4 (every row is archived). One row a statement passed.
     */
    @Test
    void aChunkOfRetirementsLargerThanTheServersBlockSizeIsRetiredWhole() throws Exception {
        StreamIdentity stream = unlistedStream("block-size");
        List<String> shards = IntStream.range(0, 10).mapToObj(TrackerIT::id).toList();
        insertCheckpoints(key(stream, ""), stream, shards);
        try (Client profiled = LocalServices.clickHouse(DB, Map.of("max_block_size", "4"))) {
            Checkpoints checkpoints = new Checkpoints(new ClickHouseSql(profiled), DB, "shardhouse_claims",
                    "shardhouse_claims_archive", PIPELINE);
            List<Retirement> retirements = checkpoints.ofStream(stream.streamArn()).rows().stream()
                    .map(row -> new Retirement(row, ArchiveReason.SHARD_EXPIRED)).toList();

            int retired = checkpoints.retire(retirements, Instant.now());

            assertEquals(List.of(10, List.of()), List.of(retired, checkpointShards(stream)));
            assertEquals(shards.stream().map(shard -> archived(stream, shard, 4, "4980" + shard, "shard expired")).toList(),
                    archive(stream));
        }
    }

    @Test
    void aMassReshardsEventsFoundAgainAmongNewOnesAreRecordedOnceWithOneInsert() throws Exception {
        StreamIdentity stream = unlistedStream("events");
        ReshardEventStore store = new ReshardEventStore(sql, DB, "shardhouse_reshard_events");
        List<ReshardEvent> later = splits(ReshardEventStore.ONE_BY_ONE + 4);
        Instant before = Instant.now();

        store.append(stream, List.of(later.get(0)), Instant.now());
        // The next run, after one that stopped between its events and its lineage, finds the first event again.
        store.append(stream, later, Instant.now());

        assertEquals(later.stream().map(event -> event(event.key(), event.type().storedName(), event.fromShards(),
                event.toShards(), event.openShardsBefore(), event.openShardsAfter())).sorted(TrackerIT::byEventOrder)
                .toList(), events(stream));
        // One insert for the first run's one event, one for the next run's 19, where an insert per event took 20.
        assertEquals(2, statementsSince(before, "Insert", EVENTS));
    }

    @Test
    void twoRunsAtOnceThatFoundDifferentEventsRecordEachOnce() throws Exception {
        StreamIdentity stream = unlistedStream("events-at-once");
        ReshardEvent split0 = ReshardEvent.split(id(0), List.of(id(2), id(3)), 2, 3);
        ReshardEvent split1 = ReshardEvent.split(id(1), List.of(id(4), id(5)), 3, 4);
        CountDownLatch bothRead = new CountDownLatch(2);
        try (ClickHouseProxy proxy = new ClickHouseProxy(LocalServices.clickHouseUrl(),
                text -> {
                    if (text.contains("INSERT INTO") && text.contains("shardhouse_reshard_events")) {
                        try {
                            bothRead.await(3, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return Optional.empty();
                },
                text -> {
                    if (text.contains("SELECT event_key FROM")) {
                        bothRead.countDown();
                    }
                });
             Client one = ClickHouseClients.create(proxy.url(), "default", "", DB);
             Client two = ClickHouseClients.create(proxy.url(), "default", "", DB)) {
            ReshardEventStore first = new ReshardEventStore(new ClickHouseSql(one), DB, "shardhouse_reshard_events");
            ReshardEventStore second = new ReshardEventStore(new ClickHouseSql(two), DB, "shardhouse_reshard_events");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> earlier = pool.submit(() -> first.append(stream, List.of(split0), Instant.now()));
                Future<?> later = pool.submit(() -> second.append(stream, List.of(split0, split1), Instant.now()));
                earlier.get();
                later.get();
            } finally {
                pool.shutdown();
            }
        }

        assertEquals(List.of(
                        event(split0.key(), "split", List.of(id(0)), List.of(id(2), id(3)), 2, 3),
                        event(split1.key(), "split", List.of(id(1)), List.of(id(4), id(5)), 3, 4)),
                events(stream));
    }

    @Test
    void twoMassReshardsOfOneStreamAreBothRecorded() throws Exception {
        StreamIdentity stream = unlistedStream("two-mass-reshards");
        ReshardEventStore store = new ReshardEventStore(sql, DB, "shardhouse_reshard_events");
        int parents = ReshardEventStore.ONE_BY_ONE + 1;
        List<ReshardEvent> doubled = splits(parents);
        List<ReshardEvent> halved = IntStream.range(0, parents).mapToObj(child -> ReshardEvent.merge(
                List.of(id(parents + 2 * child), id(parents + 2 * child + 1)), id(3 * parents + child), 2 * parents,
                2 * parents - 1)).toList();

        store.append(stream, doubled, Instant.now());
        store.append(stream, halved, Instant.now());

        // Each block's token names its own events: a token naming only the stream would drop the second block.
        assertEquals(2L * parents, count(EVENTS, stream.streamArn()));
    }

    @Test
    void listingFollowsEveryPage() throws Exception {
        String name = newStream("pages", 5);

        StreamIdentity stream = identity(name);
        StreamListing listing = new StreamReader(kinesis, stream.streamArn(), 2).list(stream);

        assertEquals(List.of(id(0), id(1), id(2), id(3), id(4)),
                listing.shards().stream().map(ListedShard::shardId).toList());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A stream under test, its tracker, and the report of the tracker's first run over it. */
    private record Tracked(String name, StreamIdentity stream, TrackerHandler tracker, TrackerReport firstRun) {
    }

    /** Creates a stream and runs a tracker over it once, recording its shards before any checkpoint exists. */
    private static Tracked track(String purpose, int shards) throws InterruptedException {
        String name = newStream(purpose, shards);
        TrackerHandler tracker = handler(name);
        return new Tracked(name, identity(name), tracker, run(tracker));
    }

    /** Changes the stream's shards and waits until Kinesis is done with it. */
    private static void reshard(Tracked tracked, Runnable change) throws InterruptedException {
        change.run();
        awaitActive(tracked.name());
    }

    /** A stream that Kinesis never heard of, for driving {@link Checkpoints} directly. */
    private static StreamIdentity unlistedStream(String purpose) {
        return new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/tracker-it-" + purpose + "-"
                + System.currentTimeMillis(), 1L);
    }

    private static Checkpoints checkpoints() {
        return new Checkpoints(sql, DB, "shardhouse_claims", "shardhouse_claims_archive", PIPELINE);
    }

    /** The lineage matches what ListShards says now, and the stream's events are exactly {@code expectedEvents}. */
    private static void assertLineageAndEvents(Tracked tracked, String... expectedEvents) {
        assertEquals(expectedLineage(tracked.name()), lineage(tracked.stream()));
        assertEquals(List.of(expectedEvents), events(tracked.stream()));
    }

    private static void assertRetirement(TrackerReport report, int retired, StreamIdentity stream,
                                         List<String> expectedArchive, List<String> remainingShards) {
        assertEquals(retired, report.checkpointsRetired());
        assertEquals(expectedArchive, archive(stream));
        assertEquals(remainingShards, checkpointShards(stream));
    }

    private static void assertSecondRunWritesNothing(TrackerHandler tracker, StreamIdentity stream) throws Exception {
        long lineageRows = count(LINEAGE, stream.streamArn());
        long eventRows = count(EVENTS, stream.streamArn());
        long archiveRows = count(ARCHIVE, stream.streamArn());
        List<String> checkpoints = checkpointShards(stream);

        TrackerReport again = run(tracker);

        assertEquals(0, again.lineageRowsWritten());
        assertEquals(List.of(), again.reshardEvents());
        assertEquals(0, again.checkpointsRetired());
        assertEquals(lineageRows, count(LINEAGE, stream.streamArn()));
        assertEquals(eventRows, count(EVENTS, stream.streamArn()));
        assertEquals(archiveRows, count(ARCHIVE, stream.streamArn()));
        assertEquals(checkpoints, checkpointShards(stream));
    }

    private static TrackerReport run(TrackerHandler tracker) {
        return tracker.handleRequest(new ScheduledEvent(), null);
    }

    private static TrackerHandler handler(String stream) {
        return new TrackerHandler(config(arnOf(stream)), kinesis, Clock.systemUTC());
    }

    /** The ARN of a stream of the local Kinesis's default account and region, where the tests create theirs. */
    private static String arnOf(String name) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
    }

    private static TrackerConfig config(String streamArn) {
        return TrackerConfig.from(new Environment(Map.of(
                        "CLICKHOUSE_URL", LocalServices.clickHouseUrl(),
                        "CLICKHOUSE_DATABASE", DB,
                        "STREAM_ARN", streamArn,
                        "TARGET_TABLE", TARGET,
                        "METRICS_NAMESPACE", "ShardhouseIT")),
                arn -> {
                    throw new AssertionError("the local ClickHouse needs no secret, asked for " + arn);
                });
    }

    /** The key the ingest function of {@link #TARGET}'s pipeline gives a shard's checkpoint. */
    private static String key(StreamIdentity stream, String shardId) {
        return CheckpointTables.keyPrefix(PIPELINE) + stream.checkpointKey(shardId);
    }

    private static String id(int n) {
        return String.format("shardId-%012d", n);
    }

    private static String newStream(String purpose, int shards) throws InterruptedException {
        String name = "tracker-it-" + purpose + "-" + System.currentTimeMillis();
        createStream(name, shards);
        return name;
    }

    private static void createStream(String name, int shards) throws InterruptedException {
        kinesis.createStream(request -> request.streamName(name).shardCount(shards));
        if (!CREATED_STREAMS.contains(name)) {
            CREATED_STREAMS.add(name);
        }
        awaitActive(name);
    }

    private static StreamIdentity identity(String name) {
        var summary = kinesis.describeStreamSummary(request -> request.streamName(name)).streamDescriptionSummary();
        return new StreamIdentity(summary.streamARN(), summary.streamCreationTimestamp().toEpochMilli());
    }

    private static void awaitActive(String name) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (kinesis.describeStreamSummary(request -> request.streamName(name)).streamDescriptionSummary().streamStatus()
                    == StreamStatus.ACTIVE) {
                return;
            }
            Thread.sleep(100);
        }
        fail("stream " + name + " did not become ACTIVE");
    }

    private static void awaitGone(String name) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                kinesis.describeStreamSummary(request -> request.streamName(name));
            } catch (ResourceNotFoundException gone) {
                return;
            }
            Thread.sleep(100);
        }
        fail("stream " + name + " was not deleted");
    }

    /** Puts one record into the given shard and returns its sequence number. */
    private static String put(String name, Shard shard) {
        return kinesis.putRecord(request -> request.streamName(name).partitionKey("k")
                        .explicitHashKey(shard.hashKeyRange().startingHashKey())
                        .data(SdkBytes.fromString("{}", StandardCharsets.UTF_8)))
                .sequenceNumber();
    }

    private static void insertCheckpoint(StreamIdentity stream, String shardId, String state, long revision,
                                         String committed) throws Exception {
        clickHouse.execute("INSERT INTO " + CHECKPOINTS + " (key, stream_arn, stream_created_ms, shard_id, state, revision,"
                        + " committed_sequence, committed_sub_sequence, pending_first_sequence, pending_first_sub_sequence,"
                        + " pending_last_sequence, pending_last_sub_sequence, pending_records, pending_token, owner,"
                        + " records_committed, updated_at)"
                        + " SELECT {key:String}, {arn:String}, {created:Int64}, {shard:String}, {state:String}, {revision:UInt64},"
                        + " {committed:String}, 0, '', 0, '', 0, 0, '', 'tracker-it', 10, now64(3)"
                        + " SETTINGS keeper_map_strict_mode = 1",
                Map.of("key", key(stream, shardId), "arn", stream.streamArn(), "created", stream.createdMillis(),
                        "shard", shardId, "state", state, "revision", revision, "committed", committed)).get().close();
    }

    /**
     * A claim of the records at {@code sequences} pending on the shard, as the ingest function writes it (a new row at
     * revision 1), left by an invocation that died before its commit.
     */
    private static void claim(StreamIdentity stream, String shardId, String... sequences) {
        KeeperMapCheckpointStore store = new KeeperMapCheckpointStore(sql, DB, "shardhouse_claims",
                "shardhouse_claims_archive", PIPELINE);
        Checkpoint absent = store.read(stream, shardId);
        Checkpoint claimed = absent.claim(PendingRange.claim(key(stream, shardId),
                Arrays.stream(sequences).map(Position::of).toList(), "definition", Routing.NONE, "claim-id"));
        assertTrue(store.compareAndSet(stream, shardId, absent, claimed, "killed-invocation"));
    }

    private static String state(StreamIdentity stream, String shardId) {
        return clickHouse.queryAll("SELECT state FROM " + CHECKPOINTS + " WHERE key = {key:String}",
                Map.of("key", key(stream, shardId))).get(0).getString("state");
    }

    /** Runs the tracker and returns the lines it printed. */
    private static List<JsonNode> runLogged(TrackerHandler tracker) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : StdoutCapture.during(() -> run(tracker))) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    /** The line of {@code event} among {@code lines}. */
    private static JsonNode line(List<JsonNode> lines, String event) {
        return lines.stream().filter(line -> event.equals(line.path("event").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " line in " + lines));
    }

    /** The lineage the tracker should hold: what ListShards says now, every shard listed. */
    private static List<String> expectedLineage(String name) {
        return kinesis.listShards(request -> request.streamName(name)).shards().stream()
                .map(shard -> String.join("|", shard.shardId(),
                        shard.parentShardId() == null ? "" : shard.parentShardId(),
                        shard.adjacentParentShardId() == null ? "" : shard.adjacentParentShardId(),
                        shard.hashKeyRange().startingHashKey(), shard.hashKeyRange().endingHashKey(),
                        shard.sequenceNumberRange().startingSequenceNumber(),
                        "closed=" + (shard.sequenceNumberRange().endingSequenceNumber() != null), "listed=true"))
                .sorted()
                .toList();
    }

    private static List<String> lineage(StreamIdentity stream) {
        return rows("SELECT shard_id, parent_shard_id, adjacent_parent_shard_id, toString(hash_key_start) AS hs,"
                        + " toString(hash_key_end) AS he, starting_sequence, closed, listed FROM " + LINEAGE
                        + " FINAL WHERE stream_arn = {arn:String} AND stream_created_ms = {created:Int64} ORDER BY shard_id",
                stream)
                .stream()
                .map(r -> String.join("|", r.getString("shard_id"), r.getString("parent_shard_id"),
                        r.getString("adjacent_parent_shard_id"), r.getString("hs"), r.getString("he"),
                        r.getString("starting_sequence"), "closed=" + r.getBoolean("closed"), "listed=" + r.getBoolean("listed")))
                .toList();
    }

    private static List<String> lineageListing(String streamArn) {
        return clickHouse.queryAll("SELECT shard_id, listed, stream_created_ms FROM " + LINEAGE
                        + " FINAL WHERE stream_arn = {arn:String} ORDER BY stream_created_ms, shard_id",
                Map.of("arn", streamArn))
                .stream()
                .map(r -> r.getString("shard_id") + "|listed=" + r.getBoolean("listed") + "|created=" + r.getLong("stream_created_ms"))
                .toList();
    }

    private static String event(String key, String type, List<String> from, List<String> to, int before, int after) {
        return key + " " + type + " " + from + " " + to + " " + before + "->" + after;
    }

    private static List<String> events(StreamIdentity stream) {
        return rows("SELECT event_key, event_type, from_shards, to_shards, open_shards_before, open_shards_after FROM " + EVENTS
                        + " WHERE stream_arn = {arn:String} AND stream_created_ms = {created:Int64} ORDER BY detected_at, event_key",
                stream)
                .stream()
                .map(r -> event(r.getString("event_key"), r.getString("event_type"), r.getList("from_shards"),
                        r.getList("to_shards"), r.getInteger("open_shards_before"), r.getInteger("open_shards_after")))
                .sorted(TrackerIT::byEventOrder)
                .toList();
    }

    /** Splits and merges, then scale events, then expiries and recreations: the order the expectations list them. */
    private static int byEventOrder(String left, String right) {
        return left.startsWith("scale") == right.startsWith("scale") ? left.compareTo(right) : left.startsWith("scale") ? 1 : -1;
    }

    /** Owner and record count are the values {@link #insertCheckpoint} writes: the whole row was copied. */
    private static String archived(StreamIdentity stream, String shardId, long revision, String committed, String reason) {
        return key(stream, shardId) + " " + revision + " " + committed + " tracker-it 10 " + reason;
    }

    private static List<String> archive(StreamIdentity stream) {
        return rows("SELECT key, revision, committed_sequence, owner, records_committed, archive_reason FROM " + ARCHIVE
                        + " WHERE stream_arn = {arn:String} AND stream_created_ms = {created:Int64} ORDER BY key",
                stream)
                .stream()
                .map(r -> r.getString("key") + " " + r.getString("revision") + " " + r.getString("committed_sequence")
                        + " " + r.getString("owner") + " " + r.getString("records_committed") + " " + r.getString("archive_reason"))
                .toList();
    }

    private static List<String> checkpointShards(StreamIdentity stream) {
        return rows("SELECT shard_id FROM " + CHECKPOINTS
                        + " WHERE stream_arn = {arn:String} AND stream_created_ms = {created:Int64} ORDER BY shard_id",
                stream)
                .stream()
                .map(r -> r.getString("shard_id"))
                .toList();
    }

    /** A committed checkpoint at revision 4 for each shard, all in one statement, keyed {@code keyPrefix + shard}. */
    private static void insertCheckpoints(String keyPrefix, StreamIdentity stream, List<String> shards) throws Exception {
        clickHouse.execute("INSERT INTO " + CHECKPOINTS + " (key, stream_arn, stream_created_ms, shard_id, state, revision,"
                        + " committed_sequence, owner, records_committed, updated_at)"
                        + " SELECT concat({prefix:String}, shard), {arn:String}, {created:Int64}, shard, 'AFTER_PROCESSING',"
                        + " 4, concat('4980', shard), 'tracker-it', 10, now64(3)"
                        + " FROM (SELECT arrayJoin({shards:Array(String)}) AS shard) SETTINGS keeper_map_strict_mode = 1",
                Map.of("prefix", keyPrefix, "arn", stream.streamArn(), "created", stream.createdMillis(),
                        "shards", Identifier.arrayLiteral(shards))).get().close();
    }

    /**
     * The same checkpoints as {@link #insertCheckpoints} as the ingest function leaves them now: each row holds its last
     * claim (to {@code 4980<shard>}, 10 records) pending at revision 4, and that claim's commit record names it.
     */
    private static void insertRecordCommittedCheckpoints(String keyPrefix, StreamIdentity stream, List<String> shards)
            throws Exception {
        clickHouse.execute("INSERT INTO " + CHECKPOINTS + " (key, stream_arn, stream_created_ms, shard_id, state, revision,"
                        + " committed_sequence, pending_first_sequence, pending_last_sequence, pending_records,"
                        + " pending_token, owner, records_committed, updated_at)"
                        + " SELECT concat({prefix:String}, shard), {arn:String}, {created:Int64}, shard,"
                        + " 'BEFORE_PROCESSING', 4, '', concat('4970', shard), concat('4980', shard), 10,"
                        + " concat('token-', shard), 'tracker-it', 0, now64(3)"
                        + " FROM (SELECT arrayJoin({shards:Array(String)}) AS shard) SETTINGS keeper_map_strict_mode = 1",
                Map.of("prefix", keyPrefix, "arn", stream.streamArn(), "created", stream.createdMillis(),
                        "shards", Identifier.arrayLiteral(shards))).get().close();
        for (String shard : shards) {
            insertCommitRecord(keyPrefix + shard, stream, shard, "token-" + shard);
        }
    }

    /** The commit record of the claim of {@code token} on the checkpoint of {@code key}, as the ingest function writes it. */
    private static void insertCommitRecord(String key, StreamIdentity stream, String shard, String token) throws Exception {
        clickHouse.execute("INSERT INTO " + CHECKPOINTS + " (key, stream_arn, stream_created_ms, shard_id, state, revision,"
                        + " pending_token, owner, updated_at) SELECT {key:String}, {arn:String}, {created:Int64},"
                        + " {shard:String}, {state:String}, 4, {token:String}, 'tracker-it', now64(3)"
                        + " SETTINGS keeper_map_strict_mode = 1",
                Map.of("key", CheckpointTables.commitKey(key, token), "arn", stream.streamArn(),
                        "created", stream.createdMillis(), "shard", shard, "state", CheckpointTables.COMMIT_STATE,
                        "token", token)).get().close();
    }

    /** Shards 0 to {@code parents - 1} each split in two, one after another: a mass reshard's events. */
    private static List<ReshardEvent> splits(int parents) {
        return IntStream.range(0, parents).mapToObj(parent -> ReshardEvent.split(id(parent),
                List.of(id(parents + 2 * parent), id(parents + 2 * parent + 1)), parents + parent, parents + parent + 1))
                .toList();
    }

    /** Statements of a kind (system.query_log's query_kind) on the table since {@code since}. */
    private static long statementsSince(Instant since, String kind, String table) throws Exception {
        clickHouse.execute("SYSTEM FLUSH LOGS").get().close();
        return clickHouse.queryAll("SELECT count() AS n FROM system.query_log WHERE type = 'QueryFinish'"
                        + " AND query_kind = {kind:String} AND has(tables, {table:String})"
                        + " AND event_time_microseconds >= fromUnixTimestamp64Micro({since:Int64})",
                Map.of("kind", kind, "table", table, "since", since.toEpochMilli() * 1000)).get(0).getLong("n");
    }

    private static long count(String table, String streamArn) {
        return clickHouse.queryAll("SELECT count() AS n FROM " + table + " WHERE stream_arn = {arn:String}", Map.of("arn", streamArn))
                .get(0).getLong("n");
    }

    private static List<GenericRecord> rows(String sql, StreamIdentity stream) {
        return clickHouse.queryAll(sql, Map.of("arn", stream.streamArn(), "created", stream.createdMillis()));
    }
}
