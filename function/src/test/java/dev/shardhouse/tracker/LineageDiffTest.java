package dev.shardhouse.tracker;

import static dev.shardhouse.tracker.TestShards.RECREATED;
import static dev.shardhouse.tracker.TestShards.STREAM;
import static dev.shardhouse.tracker.TestShards.closed;
import static dev.shardhouse.tracker.TestShards.id;
import static dev.shardhouse.tracker.TestShards.open;
import static dev.shardhouse.tracker.TestShards.openChild;
import static dev.shardhouse.tracker.TestShards.openMerge;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LineageDiffTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofMinutes(1));
    private static final Instant T2 = T0.plus(Duration.ofMinutes(2));
    private static final Set<Long> NO_CHECKPOINTS = Set.of();
    private static final LineageChanges NOTHING = new LineageChanges(List.of(), List.of());

    @Test
    void firstRunRecordsEveryShardWithoutEvents() {
        LineageChanges changes = LineageDiff.between(List.of(), listing(STREAM, open(0), open(1)), NO_CHECKPOINTS, T0);

        assertEquals(List.of(listed(open(0), T0, T0), listed(open(1), T0, T0)), changes.rows());
        assertEquals(List.of(), changes.events());
    }

    @Test
    void firstRunWithCheckpointsOfTheSameStreamHasNoEvents() {
        LineageChanges changes = LineageDiff.between(
                List.of(), listing(STREAM, open(0)), Set.of(STREAM.createdMillis()), T0);

        assertEquals(List.of(), changes.events());
    }

    @Test
    void unchangedStreamWritesNothing() {
        List<LineageRow> previous = List.of(listed(open(0), T0, T0), listed(open(1), T0, T0));

        LineageChanges changes = LineageDiff.between(previous, listing(STREAM, open(0), open(1)), Set.of(STREAM.createdMillis()), T1);

        assertEquals(NOTHING, changes);
    }

    @Test
    void lastSeenIsRewrittenOnlyOnceItIsAnHourOld() {
        List<LineageRow> previous = List.of(listed(open(0), T0, T0));
        StreamListing listing = listing(STREAM, open(0));

        assertEquals(NOTHING, LineageDiff.between(previous, listing, NO_CHECKPOINTS, T0.plus(Duration.ofMinutes(59))));
        Instant hourLater = T0.plus(Duration.ofHours(1));
        assertEquals(new LineageChanges(List.of(listed(open(0), T0, hourLater)), List.of()),
                LineageDiff.between(previous, listing, NO_CHECKPOINTS, hourLater));
    }

    @Test
    void splitShard() {
        List<LineageRow> previous = fourOpenShardsSeenAt(T0);

        LineageChanges changes = LineageDiff.between(previous,
                listing(STREAM, closed(0), open(1), open(2), open(3), openChild(4, 0), openChild(5, 0)), NO_CHECKPOINTS, T1);

        assertEquals(List.of(listed(closed(0), T0, T1), listed(openChild(4, 0), T1, T1), listed(openChild(5, 0), T1, T1)),
                changes.rows());
        assertEquals(List.of(
                        new ReshardEvent(ReshardEventType.SPLIT, "split|shardId-000000000000", List.of(id(0)), List.of(id(4), id(5)), 4, 5),
                        new ReshardEvent(ReshardEventType.SCALE_OUT, "scale-out|shardId-000000000004", List.of(id(0)), List.of(id(4), id(5)), 4, 5)),
                changes.events());
        assertEquals(NOTHING, LineageDiff.between(apply(previous, changes),
                listing(STREAM, closed(0), open(1), open(2), open(3), openChild(4, 0), openChild(5, 0)), NO_CHECKPOINTS, T2));
    }

    @Test
    void mergeShards() {
        LineageChanges changes = LineageDiff.between(fourOpenShardsSeenAt(T0),
                listing(STREAM, closed(0), closed(1), open(2), open(3), openMerge(4, 0, 1)), NO_CHECKPOINTS, T1);

        assertEquals(List.of(listed(closed(0), T0, T1), listed(closed(1), T0, T1), listed(openMerge(4, 0, 1), T1, T1)),
                changes.rows());
        assertEquals(List.of(
                        new ReshardEvent(ReshardEventType.MERGE, "merge|shardId-000000000004", List.of(id(0), id(1)), List.of(id(4)), 4, 3),
                        new ReshardEvent(ReshardEventType.SCALE_IN, "scale-in|shardId-000000000004", List.of(id(0), id(1)), List.of(id(4)), 4, 3)),
                changes.events());
    }

    /** UpdateShardCount 4 → 8 with uniform scaling splits every shard in two. */
    @Test
    void scaleOutFromFourToEightShards() {
        StreamListing eight = listing(STREAM, closed(0), closed(1), closed(2), closed(3),
                openChild(4, 0), openChild(5, 0), openChild(6, 1), openChild(7, 1),
                openChild(8, 2), openChild(9, 2), openChild(10, 3), openChild(11, 3));

        LineageChanges changes = LineageDiff.between(fourOpenShardsSeenAt(T0), eight, NO_CHECKPOINTS, T1);

        assertEquals(List.of(
                        listed(closed(0), T0, T1), listed(closed(1), T0, T1), listed(closed(2), T0, T1), listed(closed(3), T0, T1),
                        listed(openChild(4, 0), T1, T1), listed(openChild(5, 0), T1, T1),
                        listed(openChild(6, 1), T1, T1), listed(openChild(7, 1), T1, T1),
                        listed(openChild(8, 2), T1, T1), listed(openChild(9, 2), T1, T1),
                        listed(openChild(10, 3), T1, T1), listed(openChild(11, 3), T1, T1)),
                changes.rows());
        assertEquals(List.of(
                        new ReshardEvent(ReshardEventType.SPLIT, "split|shardId-000000000000", List.of(id(0)), List.of(id(4), id(5)), 4, 8),
                        new ReshardEvent(ReshardEventType.SPLIT, "split|shardId-000000000001", List.of(id(1)), List.of(id(6), id(7)), 4, 8),
                        new ReshardEvent(ReshardEventType.SPLIT, "split|shardId-000000000002", List.of(id(2)), List.of(id(8), id(9)), 4, 8),
                        new ReshardEvent(ReshardEventType.SPLIT, "split|shardId-000000000003", List.of(id(3)), List.of(id(10), id(11)), 4, 8),
                        new ReshardEvent(ReshardEventType.SCALE_OUT, "scale-out|shardId-000000000004",
                                List.of(id(0), id(1), id(2), id(3)),
                                List.of(id(4), id(5), id(6), id(7), id(8), id(9), id(10), id(11)), 4, 8)),
                changes.events());
    }

    /** UpdateShardCount 4 → 2 merges neighbours pairwise. */
    @Test
    void scaleInFromFourToTwoShards() {
        LineageChanges changes = LineageDiff.between(fourOpenShardsSeenAt(T0),
                listing(STREAM, closed(0), closed(1), closed(2), closed(3), openMerge(4, 0, 1), openMerge(5, 2, 3)),
                NO_CHECKPOINTS, T1);

        assertEquals(List.of(
                        new ReshardEvent(ReshardEventType.MERGE, "merge|shardId-000000000004", List.of(id(0), id(1)), List.of(id(4)), 4, 2),
                        new ReshardEvent(ReshardEventType.MERGE, "merge|shardId-000000000005", List.of(id(2), id(3)), List.of(id(5)), 4, 2),
                        new ReshardEvent(ReshardEventType.SCALE_IN, "scale-in|shardId-000000000004",
                                List.of(id(0), id(1), id(2), id(3)), List.of(id(4), id(5)), 4, 2)),
                changes.events());
    }

    @Test
    void shardNoLongerListedHasExpired() {
        List<LineageRow> previous = List.of(
                listed(closed(0), T0, T0), listed(openChild(4, 0), T0, T0), listed(openChild(5, 0), T0, T0));
        StreamListing children = listing(STREAM, openChild(4, 0), openChild(5, 0));

        LineageChanges changes = LineageDiff.between(previous, children, NO_CHECKPOINTS, T1);

        assertEquals(List.of(new LineageRow(STREAM, closed(0), false, T0, T0)), changes.rows());
        assertEquals(List.of(new ReshardEvent(ReshardEventType.SHARD_EXPIRED, "shard-expired|shardId-000000000000",
                List.of(id(0)), List.of(), 2, 2)), changes.events());
        assertEquals(NOTHING, LineageDiff.between(apply(previous, changes), children, NO_CHECKPOINTS, T2));
    }

    @Test
    void recreatedStreamRetiresTheOldLineageAndRecordsOneEvent() {
        List<LineageRow> previous = List.of(listed(open(0), T0, T0), listed(open(1), T0, T0));
        StreamListing recreated = listing(RECREATED, open(0));

        LineageChanges changes = LineageDiff.between(previous, recreated, Set.of(STREAM.createdMillis()), T1);

        assertEquals(List.of(
                        new LineageRow(RECREATED, open(0), true, T1, T1),
                        new LineageRow(STREAM, open(0), false, T0, T0),
                        new LineageRow(STREAM, open(1), false, T0, T0)),
                changes.rows());
        assertEquals(List.of(new ReshardEvent(ReshardEventType.STREAM_RECREATED, "stream-recreated", List.of(), List.of(id(0)), 2, 1)),
                changes.events());
        assertEquals(NOTHING, LineageDiff.between(apply(previous, changes), recreated, Set.of(STREAM.createdMillis()), T2));
    }

    @Test
    void recreationIsAlsoRecognisedFromCheckpointsAlone() {
        LineageChanges changes = LineageDiff.between(
                List.of(), listing(RECREATED, open(0), open(1)), Set.of(STREAM.createdMillis()), T1);

        assertEquals(List.of(new ReshardEvent(ReshardEventType.STREAM_RECREATED, "stream-recreated", List.of(),
                List.of(id(0), id(1)), 0, 2)), changes.events());
    }

    private static StreamListing listing(StreamIdentity stream, ListedShard... shards) {
        return new StreamListing(stream, List.of(shards));
    }

    private static LineageRow listed(ListedShard shard, Instant firstSeen, Instant lastSeen) {
        return new LineageRow(STREAM, shard, true, firstSeen, lastSeen);
    }

    private static List<LineageRow> fourOpenShardsSeenAt(Instant at) {
        return List.of(listed(open(0), at, at), listed(open(1), at, at), listed(open(2), at, at), listed(open(3), at, at));
    }

    /** The stored lineage after the changes were written: the newest row per stream incarnation and shard. */
    private static List<LineageRow> apply(List<LineageRow> previous, LineageChanges changes) {
        Map<String, LineageRow> byKey = new LinkedHashMap<>();
        previous.forEach(row -> byKey.put(row.stream().checkpointKey(row.shardId()), row));
        changes.rows().forEach(row -> byKey.put(row.stream().checkpointKey(row.shardId()), row));
        return new ArrayList<>(byKey.values());
    }
}
