package dev.shardhouse.tracker;

import static dev.shardhouse.tracker.TestShards.RECREATED;
import static dev.shardhouse.tracker.TestShards.STREAM;
import static dev.shardhouse.tracker.TestShards.checkpoint;
import static dev.shardhouse.tracker.TestShards.closed;
import static dev.shardhouse.tracker.TestShards.id;
import static dev.shardhouse.tracker.TestShards.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.source.KinesisStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExpiredClaimsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration STILL = Duration.ofMinutes(15);
    private static final Instant OLD = NOW.minus(Duration.ofMinutes(16));
    private static final Instant RECENT = NOW.minus(Duration.ofMinutes(14));

    @Test
    void candidatesAreClaimsPendingInTheListedIncarnationThatStoodStillLongEnough() {
        StreamListing listing = new StreamListing(STREAM, List.of(closed(0), open(1), open(2), open(3)));
        CheckpointRow stillClaim = checkpoint(STREAM, 0, "BEFORE_PROCESSING", OLD);
        CheckpointRow goneShardsClaim = checkpoint(STREAM, 9, "BEFORE_PROCESSING", OLD);
        List<CheckpointRow> rows = List.of(
                stillClaim,
                checkpoint(STREAM, 1, "BEFORE_PROCESSING", RECENT),
                checkpoint(STREAM, 2, "AFTER_PROCESSING", OLD),
                // Pending in its row, committed by its record: read as AFTER_PROCESSING.
                new CheckpointRow(STREAM.checkpointKey(id(3)), STREAM, id(3), "AFTER_PROCESSING", 4, "49003", OLD, true),
                goneShardsClaim,
                checkpoint(RECREATED, 0, "BEFORE_PROCESSING", OLD));

        assertEquals(List.of(goneShardsClaim, stillClaim), ExpiredClaims.candidates(listing, rows, NOW, STILL));
    }

    @Test
    void aRunReadsTheRangesOfAFewClaimsAWindowThatMovesOnEachMinuteAndTakesEveryShardNoLongerListed() {
        List<ListedShard> listed = IntStream.range(0, 20).mapToObj(TestShards::open).toList();
        StreamListing listing = new StreamListing(STREAM, listed);
        List<CheckpointRow> rows = new ArrayList<>(IntStream.range(0, 20)
                .mapToObj(shard -> checkpoint(STREAM, shard, "BEFORE_PROCESSING", OLD)).toList());
        CheckpointRow unlisted = checkpoint(STREAM, 90, "BEFORE_PROCESSING", OLD);
        rows.add(unlisted);

        Set<CheckpointRow> read = new HashSet<>();
        for (int minute = 0; minute < 3; minute++) {
            List<CheckpointRow> candidates = ExpiredClaims.candidates(listing, rows, NOW.plus(Duration.ofMinutes(minute)),
                    STILL);
            assertEquals(unlisted, candidates.get(0), "a shard no longer listed needs no read: always a candidate");
            assertEquals(ExpiredClaims.READS_PER_RUN + 1, candidates.size());
            read.addAll(candidates.subList(1, candidates.size()));
        }
        assertEquals(Set.copyOf(rows.subList(0, 20)), read, "three runs read every claim of the 20");
    }

    @Test
    void aClaimHasAgedOutOnlyWhenItsStartIsTrimmedAndNoneOfItsRecordsIsLeft() {
        KinesisRecordIn end = new KinesisRecordIn("49005", "k", NOW, new byte[0]);

        assertTrue(ExpiredClaims.allAgedOut(new KinesisStreams.RangeRead(List.of(), true)), "all gone");
        assertFalse(ExpiredClaims.allAgedOut(new KinesisStreams.RangeRead(List.of(end), true)), "its end is left");
        assertFalse(ExpiredClaims.allAgedOut(new KinesisStreams.RangeRead(List.of(end), false)), "all there");
    }
}
