package dev.shardhouse.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExactlyOncePlannerTest {

    private static final String KEY = "db.t|arn:aws:kinesis:us-east-1:1:stream/s|1700000000000|shardId-000000000000";

    private static Step plan(Checkpoint checkpoint, List<Position> positions) {
        return ExactlyOncePlanner.plan(checkpoint, positions);
    }

    private static List<Position> positions(long... sequences) {
        return java.util.Arrays.stream(sequences).mapToObj(s -> Position.of(Long.toString(s))).toList();
    }

    /** A claim of {@code records} records from {@code first} to {@code last}, pinning nothing else. */
    static PendingRange range(Position first, Position last, int records, String token) {
        return new PendingRange(first, last, records, token, "", Attempts.NONE, Routing.NONE);
    }

    private static Checkpoint committedAt(long sequence) {
        return Checkpoint.absent(Optional.empty())
                .claim(range(Position.of("1"), Position.of(Long.toString(sequence)), 1, "t"))
                .commit();
    }

    @Test
    void aShardWithoutCheckpointInsertsTheWholeBatch() {
        Step step = plan(Checkpoint.absent(Optional.empty()), positions(10, 20, 30));

        Step.Insert insert = assertInstanceOf(Step.Insert.class, step);
        assertEquals(0, insert.duplicates());
        assertEquals(new Step.Insert(0), insert);
    }

    @Test
    void theSameBatchDeliveredAgainIsSkippedWhole() {
        Step step = plan(committedAt(30), positions(10, 20, 30));

        assertEquals(new Step.Skip(3), step);
    }

    @Test
    void anOverlappingRedeliveryInsertsOnlyWhatFollowsTheCommittedPosition() {
        Step.Insert insert = assertInstanceOf(Step.Insert.class,
                plan(committedAt(20), positions(10, 20, 30, 40)));

        assertEquals(2, insert.from());
        PendingRange claim = PendingRange.claim(KEY, positions(10, 20, 30, 40).subList(insert.from(), 4), "schema-1",
                Routing.NONE, "claim-1");
        assertEquals(Position.of("30"), claim.first());
        assertEquals(Position.of("40"), claim.last());
        assertEquals(2, claim.records());
        // The token is built from the trimmed range, not from the batch's first record, and names the claim.
        assertEquals(KEY + "|30.0-40.0#claim-1", claim.token());
        assertEquals(PositionsFingerprint.of(positions(30, 40)), claim.positions());
        assertEquals(Attempts.of("schema-1"), claim.attempts(), "its maker's attempt is open");
    }

    @Test
    void anUncommittedClaimIsRecoveredBeforeAnythingElse() {
        PendingRange pending = range(Position.of("10"), Position.of("30"), 3, "token-a");
        Checkpoint inFlight = Checkpoint.absent(Optional.empty()).claim(pending);

        assertEquals(new Step.Recover(pending), plan(inFlight, positions(10, 20)));
    }

    @Test
    void aRetiredCheckpointStillMarksItsRecordsAsDelivered() {
        Checkpoint retired = Checkpoint.absent(Optional.of(Position.of("20")));

        Step.Insert insert = assertInstanceOf(Step.Insert.class,
                plan(retired, positions(10, 20, 30)));
        assertEquals(2, insert.duplicates());
        assertEquals(2, insert.from());
    }

    @Test
    void subSequencesOfAnAggregatedRecordAreOrderedWithinIt() {
        Checkpoint committed = Checkpoint.absent(Optional.empty())
                .claim(range(Position.of("5", 0), Position.of("5", 1), 2, "t")).commit();
        List<Position> batch = List.of(Position.of("5", 0), Position.of("5", 1), Position.of("5", 2), Position.of("6", 0));

        Step.Insert insert = assertInstanceOf(Step.Insert.class, plan(committed, batch));
        assertEquals(2, insert.from());
        assertEquals(KEY + "|5.2-6.0#c", PendingRange.claim(KEY, batch.subList(2, 4), "d", Routing.NONE, "c").token());
    }

    @Test
    void sequenceNumbersOf129DigitsCompareAsNumbersNotStrings() {
        String big = "9".repeat(129);
        String smaller = "1" + "0".repeat(128);
        Checkpoint committed = Checkpoint.absent(Optional.empty())
                .claim(range(Position.of(smaller), Position.of(smaller), 1, "t")).commit();
        List<Position> batch = Stream.of("99", smaller, big).map(Position::of).toList();

        // "99" sorts after "1000…" as a string; as a number it is far below the committed position.
        assertTrue(committed.covers(Position.of("99")));
        Step.Insert insert = assertInstanceOf(Step.Insert.class, plan(committed, batch));
        assertEquals(2, insert.from());
    }

    @Test
    void transitionsAdvanceTheRevisionAndTheCommittedPosition() {
        PendingRange range = range(Position.of("10"), Position.of("30"), 3, "t");
        Checkpoint claimed = Checkpoint.absent(Optional.empty()).claim(range);
        Checkpoint committed = claimed.commit();

        assertEquals(Phase.BEFORE_PROCESSING, claimed.phase());
        assertEquals(1, claimed.revision());
        assertFalse(claimed.covers(Position.of("10")));
        assertEquals(Phase.AFTER_PROCESSING, committed.phase());
        assertEquals(2, committed.revision());
        assertEquals(Optional.of(Position.of("30")), committed.committed());
        assertEquals(3, committed.recordsCommitted());
        assertThrows(IllegalStateException.class, () -> claimed.claim(range));
        assertThrows(IllegalStateException.class, () -> committed.commit());
        assertThrows(IllegalStateException.class, () -> committed.claim(range), "a claim must start after the committed position");
    }

    @Test
    void aReleasedClaimLeavesTheCommittedPositionAndTheSameRecordsCanBeClaimedAgainRerouted() {
        Checkpoint committed = committedAt(5);
        PendingRange range = range(Position.of("10"), Position.of("30"), 3, "t1");
        Checkpoint claimed = committed.claim(range);

        Checkpoint released = claimed.release();
        assertEquals(Phase.AFTER_PROCESSING, released.phase());
        assertEquals(committed.committed(), released.committed());
        assertEquals(claimed.revision() + 1, released.revision());
        assertEquals(committed.recordsCommitted(), released.recordsCommitted());
        assertThrows(IllegalStateException.class, released::release);

        Routing refused = Routing.NONE.with(java.util.Map.of(1, "CHECK"));
        Checkpoint rerouted = released.claim(range.rerouted(refused, "t2", "schema-2"));
        assertEquals(Phase.BEFORE_PROCESSING, rerouted.phase());
        assertEquals(released.revision() + 1, rerouted.revision());
        assertEquals("t2", rerouted.pending().orElseThrow().token());
        assertEquals(range.positions(), rerouted.pending().orElseThrow().positions());
        assertTrue(rerouted.pending().orElseThrow().routing().toErrors(1));
        assertEquals(Attempts.of("schema-2"), rerouted.pending().orElseThrow().attempts(), "only the rerouting attempt");
    }

    @Test
    void aReplaysAttemptIsCountedAndSettledByCompareAndSetsThatKeepTheClaim() {
        Checkpoint claimed = committedAt(5).claim(PendingRange.claim(KEY, positions(10, 30), "d1", Routing.NONE, "c"));

        Checkpoint replaying = claimed.attempt("d2");
        assertEquals(claimed.revision() + 1, replaying.revision(), "a compare-and-set: one that read before loses");
        assertEquals(Attempts.of("d1").begun("d2"), replaying.pending().orElseThrow().attempts());
        Checkpoint settled = replaying.settle("d1");
        assertEquals(replaying.revision() + 1, settled.revision());
        assertEquals(Attempts.of("d2"), settled.pending().orElseThrow().attempts());
        assertEquals(claimed.pending().orElseThrow().token(), settled.pending().orElseThrow().token());
        assertEquals(claimed.committed(), settled.committed());
        assertEquals(Phase.BEFORE_PROCESSING, settled.phase());
        assertThrows(IllegalStateException.class, () -> committedAt(5).attempt("d1"), "no claim to attempt");
        assertThrows(IllegalStateException.class, () -> committedAt(5).settle("d1"));
    }

    @Test
    void aShardClaimedAgainAfterRetirementContinuesFromTheArchivedRevision() {
        Checkpoint retired = Checkpoint.absent(Optional.of(Position.of("20")), 7);

        Checkpoint claimed = retired.claim(range(Position.of("30"), Position.of("30"), 1, "t"));
        assertEquals(8, claimed.revision());
        assertEquals(9, claimed.commit().revision());
    }

    @Test
    void positionsRefuseWhatIsNotASequenceNumber() {
        assertThrows(IllegalArgumentException.class, () -> Position.of("0123"));
        assertThrows(IllegalArgumentException.class, () -> Position.of("1".repeat(130)));
        assertThrows(IllegalArgumentException.class, () -> Position.of("-5"));
        assertThrows(IllegalArgumentException.class, () -> Position.of(""));
        assertThrows(IllegalArgumentException.class, () -> Position.of("12a"));
        assertThrows(IllegalArgumentException.class, () -> Position.of(null));
        assertEquals(Position.of("0"), new Position(java.math.BigInteger.ZERO, 0));
        assertEquals(129, Position.of("9".repeat(129)).sequenceNumber().length());
        assertEquals("7.3", Position.of("7", 3).toString());
    }

    @Test
    void aCoveredRecordInsideTheLastClaimThatWasNotOneOfItsRecordsIsInterleavedNotSkipped() {
        Checkpoint committed = Checkpoint.absent(Optional.empty())
                .claim(PendingRange.claim("k", positions(10, 30, 50), "schema", Routing.NONE, "c1")).commit();

        assertEquals(new Step.Skip(2), plan(committed, positions(30, 50)), "a redelivered part of the claim");
        Step step = plan(committed, positions(20, 40, 60));
        Step.Interleaved interleaved = assertInstanceOf(Step.Interleaved.class, step);
        assertEquals(Position.of("20"), interleaved.record());
        assertEquals(Position.of("50"), interleaved.claim().last());
    }

    @Test
    void coveredRecordsBeforeTheLastClaimCannotBeCheckedAndAreSkipped() {
        Checkpoint committed = Checkpoint.absent(Optional.empty())
                .claim(PendingRange.claim("k", positions(10, 30, 50), "schema", Routing.NONE, "c1")).commit();

        assertEquals(new Step.Insert(2), plan(committed, positions(5, 7, 60)));
    }
}
