package dev.shardhouse.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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
    private static final String CHECKPOINTS = DB + ".shardhouse_checkpoints";
    private static final String ARCHIVE = DB + ".shardhouse_checkpoints_archive";
    private static final String LINEAGE = DB + ".shardhouse_shards";
    private static final String EVENTS = DB + ".shardhouse_reshard_events";

    private static KinesisClient kinesis;
    private static Client clickHouse;
    private static final List<String> CREATED_STREAMS = new ArrayList<>();

    @BeforeAll
    static void services() throws Exception {
        kinesis = LocalServices.kinesis();
        try (Client admin = LocalServices.clickHouse("default")) {
            admin.execute("CREATE DATABASE IF NOT EXISTS " + DB).get().close();
        }
        clickHouse = LocalServices.clickHouse(DB);
        for (String table : List.of(CHECKPOINTS, ARCHIVE, LINEAGE, EVENTS)) {
            clickHouse.execute("DROP TABLE IF EXISTS " + table + " SYNC").get().close();
        }
        // Every handler creates them too; tests that write checkpoints before their first run need them now.
        TrackerTables.createAll(clickHouse, config("tracker-it"));
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
    void scaleOutFromFourToEightShards() throws Exception {
        String name = newStream("scale-out", 4);
        TrackerHandler tracker = handler(name);
        StreamIdentity stream = identity(name);

        TrackerReport first = run(tracker);
        assertEquals("PROVISIONED", first.streamMode());
        assertEquals(24, first.retentionHours());
        assertEquals(List.of(), first.reshardEvents());
        assertEquals(4, first.lineageRowsWritten());
        for (int shard = 0; shard < 4; shard++) {
            insertCheckpoint(stream, id(shard), "AFTER_PROCESSING", 3, "4960" + shard, Instant.now());
        }

        kinesis.updateShardCount(request -> request.streamName(name).targetShardCount(8).scalingType(ScalingType.UNIFORM_SCALING));
        awaitActive(name);
        TrackerReport scaled = run(tracker);

        assertEquals(8, scaled.openShards());
        assertEquals(4, scaled.closedShards());
        assertEquals(expectedLineage(name), lineage(stream));
        assertEquals(List.of(
                event("split|shardId-000000000000", "split", List.of(id(0)), List.of(id(4), id(5)), 4, 8),
                event("split|shardId-000000000001", "split", List.of(id(1)), List.of(id(6), id(7)), 4, 8),
                event("split|shardId-000000000002", "split", List.of(id(2)), List.of(id(8), id(9)), 4, 8),
                event("split|shardId-000000000003", "split", List.of(id(3)), List.of(id(10), id(11)), 4, 8),
                event("scale-out|shardId-000000000004", "scale-out", List.of(id(0), id(1), id(2), id(3)),
                        List.of(id(4), id(5), id(6), id(7), id(8), id(9), id(10), id(11)), 4, 8)),
                events(stream));
        assertEquals(0, scaled.checkpointsRetired(), "no child has a checkpoint yet");

        // The ingest function has begun both children of shards 0 and 1, one child of shard 2, none of shard 3.
        for (int child : new int[] {4, 5, 6, 7, 8}) {
            insertCheckpoint(stream, id(child), "AFTER_PROCESSING", 1, "4970" + child, Instant.now());
        }
        TrackerReport retiring = run(tracker);

        assertEquals(2, retiring.checkpointsRetired());
        assertEquals(List.of(
                        archived(stream, id(0), 3, "49600", "children checkpointed"),
                        archived(stream, id(1), 3, "49601", "children checkpointed")),
                archive(stream));
        assertEquals(List.of(id(2), id(3), id(4), id(5), id(6), id(7), id(8)), checkpointShards(stream));

        assertSecondRunWritesNothing(tracker, stream);
    }

    @Test
    void splitShard() throws Exception {
        String name = newStream("split", 2);
        TrackerHandler tracker = handler(name);
        StreamIdentity stream = identity(name);
        run(tracker);
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 9, "49611", Instant.now());

        kinesis.splitShard(request -> request.streamName(name).shardToSplit(id(0))
                .newStartingHashKey("85070591730234615865843651857942052863"));
        awaitActive(name);
        TrackerReport split = run(tracker);

        assertEquals(List.of("split|shardId-000000000000", "scale-out|shardId-000000000002"), split.reshardEvents());
        assertEquals(expectedLineage(name), lineage(stream));
        assertEquals(List.of(
                        event("split|shardId-000000000000", "split", List.of(id(0)), List.of(id(2), id(3)), 2, 3),
                        event("scale-out|shardId-000000000002", "scale-out", List.of(id(0)), List.of(id(2), id(3)), 2, 3)),
                events(stream));

        insertCheckpoint(stream, id(2), "BEFORE_PROCESSING", 1, "", Instant.now());
        insertCheckpoint(stream, id(3), "AFTER_PROCESSING", 2, "49622", Instant.now());
        assertEquals(1, run(tracker).checkpointsRetired());
        assertEquals(List.of(archived(stream, id(0), 9, "49611", "children checkpointed")), archive(stream));
        assertEquals(List.of(id(2), id(3)), checkpointShards(stream));

        assertSecondRunWritesNothing(tracker, stream);
    }

    @Test
    void mergeShards() throws Exception {
        String name = newStream("merge", 3);
        TrackerHandler tracker = handler(name);
        StreamIdentity stream = identity(name);
        run(tracker);
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 4, "49630", Instant.now());
        // An insert in flight: this row must survive although its shard is finished.
        insertCheckpoint(stream, id(1), "BEFORE_PROCESSING", 5, "49631", Instant.now());

        kinesis.mergeShards(request -> request.streamName(name).shardToMerge(id(0)).adjacentShardToMerge(id(1)));
        awaitActive(name);
        insertCheckpoint(stream, id(3), "AFTER_PROCESSING", 1, "49633", Instant.now());
        TrackerReport merged = run(tracker);

        assertEquals(expectedLineage(name), lineage(stream));
        assertEquals(List.of(
                        event("merge|shardId-000000000003", "merge", List.of(id(0), id(1)), List.of(id(3)), 3, 2),
                        event("scale-in|shardId-000000000003", "scale-in", List.of(id(0), id(1)), List.of(id(3)), 3, 2)),
                events(stream));
        assertEquals(1, merged.checkpointsRetired());
        assertEquals(List.of(archived(stream, id(0), 4, "49630", "children checkpointed")), archive(stream));
        assertEquals(List.of(id(1), id(3)), checkpointShards(stream));

        assertSecondRunWritesNothing(tracker, stream);
    }

    @Test
    void deletedAndRecreatedStream() throws Exception {
        String name = newStream("recreate", 2);
        TrackerHandler tracker = handler(name);
        StreamIdentity old = identity(name);
        run(tracker);
        insertCheckpoint(old, id(0), "AFTER_PROCESSING", 6, "49640", Instant.now());
        insertCheckpoint(old, id(1), "BEFORE_PROCESSING", 7, "49641", Instant.now());

        kinesis.deleteStream(request -> request.streamName(name));
        awaitGone(name);
        createStream(name, 1);
        StreamIdentity recreated = identity(name);
        TrackerReport report = run(tracker);

        assertEquals(List.of("stream-recreated"), report.reshardEvents());
        assertEquals(2, report.checkpointsRetired());
        assertEquals(List.of(event("stream-recreated", "stream-recreated", List.of(), List.of(id(0)), 2, 1)), events(recreated));
        assertEquals(List.of(
                        "shardId-000000000000|listed=false|created=" + old.createdMillis(),
                        "shardId-000000000001|listed=false|created=" + old.createdMillis(),
                        "shardId-000000000000|listed=true|created=" + recreated.createdMillis()),
                lineageListing(old.streamArn()));
        assertEquals(List.of(
                        archived(old, id(0), 6, "49640", "stream recreated"),
                        archived(old, id(1), 7, "49641", "stream recreated")),
                archive(old));
        assertEquals(List.of(), checkpointShards(old));

        assertSecondRunWritesNothing(tracker, recreated);
    }

    @Test
    void shardNoLongerListed() throws Exception {
        String name = newStream("expired", 1);
        TrackerHandler tracker = handler(name);
        StreamIdentity stream = identity(name);
        run(tracker);
        // A shard the lineage listed earlier and a checkpoint of it: both outlived the shard's retention.
        clickHouse.execute("INSERT INTO " + LINEAGE + " SELECT {arn:String}, {created:Int64}, 'shardId-000000000099', '', '',"
                        + " 0, 5, '49000', true, true, now64(3), now64(3), now64(3) - INTERVAL 1 HOUR",
                Map.of("arn", stream.streamArn(), "created", stream.createdMillis())).get().close();
        insertCheckpoint(stream, id(99), "AFTER_PROCESSING", 12, "49699", Instant.now());

        TrackerReport report = run(tracker);

        assertEquals(List.of("shard-expired|shardId-000000000099"), report.reshardEvents());
        assertEquals(List.of(event("shard-expired|shardId-000000000099", "shard-expired", List.of(id(99)), List.of(), 1, 1)),
                events(stream));
        assertEquals(List.of(
                        "shardId-000000000000|listed=true|created=" + stream.createdMillis(),
                        "shardId-000000000099|listed=false|created=" + stream.createdMillis()),
                lineageListing(stream.streamArn()));
        assertEquals(1, report.checkpointsRetired());
        assertEquals(List.of(archived(stream, id(99), 12, "49699", "shard expired")), archive(stream));
        assertEquals(List.of(), checkpointShards(stream));

        assertSecondRunWritesNothing(tracker, stream);
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
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 2, a, Instant.now());
        insertCheckpoint(stream, id(1), "AFTER_PROCESSING", 2, b1, Instant.now());

        // Twenty minutes on, everything written now is older than the fifteen-minute stall time.
        TrackerHandler later = new TrackerHandler(config(name), kinesis, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)));
        TrackerReport report = run(later);

        // 0: nothing beyond its checkpoint. 1: a record beyond it. 2: records and no checkpoint. 3: empty.
        assertEquals(List.of(id(1), id(2)), report.stalledShards());
        assertEquals(List.of(), report.unprobedShards());
    }

    @Test
    void twoRunsAtOnceRecordEachEventOnce() throws Exception {
        String name = newStream("concurrent", 2);
        StreamIdentity stream = identity(name);
        run(handler(name));
        kinesis.splitShard(request -> request.streamName(name).shardToSplit(id(1))
                .newStartingHashKey("255211775190703847597530955573826158592"));
        awaitActive(name);

        TrackerHandler one = handler(name);
        TrackerHandler two = handler(name);
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

        assertEquals(List.of(
                        event("split|shardId-000000000001", "split", List.of(id(1)), List.of(id(2), id(3)), 2, 3),
                        event("scale-out|shardId-000000000002", "scale-out", List.of(id(1)), List.of(id(2), id(3)), 2, 3)),
                events(stream));
        assertEquals(expectedLineage(name), lineage(stream));
    }

    @Test
    void retirementLeavesARowTheIngestFunctionMovedOn() throws Exception {
        StreamIdentity stream = new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/tracker-it-moved-"
                + System.currentTimeMillis(), 1L);
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 4, "49650", Instant.now());
        Checkpoints checkpoints = new Checkpoints(clickHouse, DB, "shardhouse_checkpoints", "shardhouse_checkpoints_archive");
        CheckpointRow readAtRevision3 = new CheckpointRow(stream.checkpointKey(id(0)), stream, id(0), "AFTER_PROCESSING", 3,
                "49640", Instant.now());

        assertEquals(0, checkpoints.retire(List.of(new Retirement(readAtRevision3, ArchiveReason.SHARD_EXPIRED)), Instant.now()));
        assertEquals(List.of(), archive(stream));
        assertEquals(List.of(id(0)), checkpointShards(stream));
    }

    @Test
    void retirementRepeatedAfterACrashBetweenArchiveAndDeleteKeepsOneCopy() throws Exception {
        StreamIdentity stream = new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/tracker-it-crash-"
                + System.currentTimeMillis(), 1L);
        insertCheckpoint(stream, id(0), "AFTER_PROCESSING", 5, "49660", Instant.now());
        Checkpoints checkpoints = new Checkpoints(clickHouse, DB, "shardhouse_checkpoints", "shardhouse_checkpoints_archive");
        Retirement retirement = new Retirement(checkpoints.ofStream(stream.streamArn()).get(0), ArchiveReason.SHARD_EXPIRED);
        // The crashed run archived the row but did not delete it.
        clickHouse.execute("INSERT INTO " + ARCHIVE + " SELECT *, now64(3), 'shard expired' FROM " + CHECKPOINTS
                + " WHERE key = {key:String}", Map.of("key", stream.checkpointKey(id(0)))).get().close();

        assertEquals(1, checkpoints.retire(List.of(retirement), Instant.now()));
        assertEquals(List.of(archived(stream, id(0), 5, "49660", "shard expired")), archive(stream));
        assertEquals(List.of(), checkpointShards(stream));
    }

    @Test
    void listingFollowsEveryPage() throws Exception {
        String name = newStream("pages", 5);

        StreamListing listing = new StreamReader(kinesis, name, 2).list(identity(name));

        assertEquals(List.of(id(0), id(1), id(2), id(3), id(4)),
                listing.shards().stream().map(ListedShard::shardId).toList());
    }

    // ------------------------------------------------------------------------------------------------ helpers

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
        return new TrackerHandler(config(stream), kinesis, Clock.systemUTC());
    }

    private static TrackerConfig config(String stream) {
        return TrackerConfig.fromEnvironment(Map.of(
                "CLICKHOUSE_URL", LocalServices.clickHouseUrl(),
                "CLICKHOUSE_DATABASE", DB,
                "STREAM_NAME", stream,
                "METRICS_NAMESPACE", "ShardhouseIT"));
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
                                         String committed, Instant updatedAt) throws Exception {
        clickHouse.execute("INSERT INTO " + CHECKPOINTS + " (key, stream_arn, stream_created_ms, shard_id, state, revision,"
                        + " committed_sequence, committed_sub_sequence, pending_first_sequence, pending_first_sub_sequence,"
                        + " pending_last_sequence, pending_last_sub_sequence, pending_records, pending_token, owner,"
                        + " records_committed, updated_at)"
                        + " SELECT {key:String}, {arn:String}, {created:Int64}, {shard:String}, {state:String}, {revision:UInt64},"
                        + " {committed:String}, 0, '', 0, '', 0, 0, '', 'tracker-it', 10, fromUnixTimestamp64Milli({updated:Int64}, 'UTC')"
                        + " SETTINGS keeper_map_strict_mode = 1",
                Map.of("key", stream.checkpointKey(shardId), "arn", stream.streamArn(), "created", stream.createdMillis(),
                        "shard", shardId, "state", state, "revision", revision, "committed", committed,
                        "updated", updatedAt.toEpochMilli())).get().close();
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
        return stream.checkpointKey(shardId) + " " + revision + " " + committed + " tracker-it 10 " + reason;
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

    private static long count(String table, String streamArn) {
        return clickHouse.queryAll("SELECT count() AS n FROM " + table + " WHERE stream_arn = {arn:String}", Map.of("arn", streamArn))
                .get(0).getLong("n");
    }

    private static List<GenericRecord> rows(String sql, StreamIdentity stream) {
        return clickHouse.queryAll(sql, Map.of("arn", stream.streamArn(), "created", stream.createdMillis()));
    }
}
