package dev.shardhouse.tracker;

import static dev.shardhouse.tracker.TestShards.RECREATED;
import static dev.shardhouse.tracker.TestShards.STREAM;
import static dev.shardhouse.tracker.TestShards.checkpoint;
import static dev.shardhouse.tracker.TestShards.closed;
import static dev.shardhouse.tracker.TestShards.id;
import static dev.shardhouse.tracker.TestShards.open;
import static dev.shardhouse.tracker.TestShards.openChild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StallRuleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration STALL = Duration.ofMinutes(15);
    private static final Instant OLD = NOW.minus(Duration.ofMinutes(16));
    private static final Instant RECENT = NOW.minus(Duration.ofMinutes(14));

    @Test
    void candidatesAreOpenShardsWithAnOldCheckpointOrNone() {
        StreamListing listing = new StreamListing(STREAM,
                List.of(closed(0), openChild(1, 0), openChild(2, 0), open(3), open(4)));
        List<CheckpointRow> rows = List.of(
                checkpoint(STREAM, 0, "AFTER_PROCESSING", OLD),
                new CheckpointRow(STREAM.checkpointKey(id(1)), STREAM, id(1), "AFTER_PROCESSING", 3, "49001", OLD),
                checkpoint(STREAM, 2, "AFTER_PROCESSING", RECENT),
                new CheckpointRow(STREAM.checkpointKey(id(3)), STREAM, id(3), "BEFORE_PROCESSING", 1, "", OLD));

        assertEquals(List.of(
                        new StallCandidate(id(1), "49001"),
                        new StallCandidate(id(3), ""),
                        new StallCandidate(id(4), "")),
                StallRule.candidates(listing, rows, NOW, STALL));
    }

    @Test
    void checkpointOfAnEarlierIncarnationDoesNotCount() {
        StreamListing recreated = new StreamListing(RECREATED, List.of(open(0)));

        assertEquals(List.of(new StallCandidate(id(0), "")),
                StallRule.candidates(recreated, List.of(checkpoint(STREAM, 0, "AFTER_PROCESSING", RECENT)), NOW, STALL));
    }

    @Test
    void stalledWhenTheFirstWaitingRecordIsOlderThanTheStallTime() {
        assertTrue(StallRule.stalled(new WaitingRecords(Optional.of(OLD), 0), NOW, STALL));
        assertFalse(StallRule.stalled(new WaitingRecords(Optional.of(RECENT), 0), NOW, STALL));
    }

    @Test
    void anEmptyPageCountsByHowFarBehindItIs() {
        assertTrue(StallRule.stalled(new WaitingRecords(Optional.empty(), Duration.ofMinutes(16).toMillis()), NOW, STALL));
        assertFalse(StallRule.stalled(new WaitingRecords(Optional.empty(), Duration.ofMinutes(14).toMillis()), NOW, STALL));
        assertFalse(StallRule.stalled(new WaitingRecords(Optional.empty(), 0), NOW, STALL));
    }
}
