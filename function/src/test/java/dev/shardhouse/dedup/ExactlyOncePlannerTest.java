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

    private static final String KEY = "arn:aws:kinesis:us-east-1:1:stream/s|1700000000000|shardId-000000000000";

    private static List<Position> positions(long... sequences) {
        return java.util.Arrays.stream(sequences).mapToObj(s -> Position.of(Long.toString(s))).toList();
    }

    private static Checkpoint committedAt(long sequence) {
        return Checkpoint.absent(Optional.empty())
                .claim(new PendingRange(Position.of("1"), Position.of(Long.toString(sequence)), 1, "t"))
                .commit();
    }

    @Test
    void aShardWithoutCheckpointInsertsTheWholeBatch() {
        Step step = ExactlyOncePlanner.plan(Checkpoint.absent(Optional.empty()), positions(10, 20, 30), KEY);

        Step.Insert insert = assertInstanceOf(Step.Insert.class, step);
        assertEquals(0, insert.duplicates());
        assertEquals(new PendingRange(Position.of("10"), Position.of("30"), 3, KEY + "|10.0-30.0"), insert.range());
    }

    @Test
    void theSameBatchDeliveredAgainIsSkippedWhole() {
        Step step = ExactlyOncePlanner.plan(committedAt(30), positions(10, 20, 30), KEY);

        assertEquals(new Step.Skip(3), step);
    }

    @Test
    void anOverlappingRedeliveryInsertsOnlyWhatFollowsTheCommittedPosition() {
        Step.Insert insert = assertInstanceOf(Step.Insert.class,
                ExactlyOncePlanner.plan(committedAt(20), positions(10, 20, 30, 40), KEY));

        assertEquals(2, insert.from());
        assertEquals(Position.of("30"), insert.range().first());
        assertEquals(Position.of("40"), insert.range().last());
        assertEquals(2, insert.range().records());
        // The token is built from the trimmed range, not from the batch's first record.
        assertEquals(KEY + "|30.0-40.0", insert.range().token());
    }

    @Test
    void anUncommittedClaimIsRecoveredBeforeAnythingElse() {
        PendingRange pending = new PendingRange(Position.of("10"), Position.of("30"), 3, "token-a");
        Checkpoint inFlight = Checkpoint.absent(Optional.empty()).claim(pending);

        assertEquals(new Step.Recover(pending), ExactlyOncePlanner.plan(inFlight, positions(10, 20), KEY));
    }

    @Test
    void aRetiredCheckpointStillMarksItsRecordsAsDelivered() {
        Checkpoint retired = Checkpoint.absent(Optional.of(Position.of("20")));

        Step.Insert insert = assertInstanceOf(Step.Insert.class,
                ExactlyOncePlanner.plan(retired, positions(10, 20, 30), KEY));
        assertEquals(2, insert.duplicates());
        assertEquals(1, insert.range().records());
    }

    @Test
    void subSequencesOfAnAggregatedRecordAreOrderedWithinIt() {
        Checkpoint committed = Checkpoint.absent(Optional.empty())
                .claim(new PendingRange(Position.of("5", 0), Position.of("5", 1), 2, "t")).commit();
        List<Position> batch = List.of(Position.of("5", 0), Position.of("5", 1), Position.of("5", 2), Position.of("6", 0));

        Step.Insert insert = assertInstanceOf(Step.Insert.class, ExactlyOncePlanner.plan(committed, batch, KEY));
        assertEquals(2, insert.from());
        assertEquals(KEY + "|5.2-6.0", insert.range().token());
    }

    @Test
    void sequenceNumbersOf129DigitsCompareAsNumbersNotStrings() {
        String big = "9".repeat(129);
        String smaller = "1" + "0".repeat(128);
        Checkpoint committed = Checkpoint.absent(Optional.empty())
                .claim(new PendingRange(Position.of(smaller), Position.of(smaller), 1, "t")).commit();
        List<Position> batch = Stream.of("99", smaller, big).map(Position::of).toList();

        // "99" sorts after "1000…" as a string; as a number it is far below the committed position.
        assertTrue(committed.covers(Position.of("99")));
        Step.Insert insert = assertInstanceOf(Step.Insert.class, ExactlyOncePlanner.plan(committed, batch, KEY));
        assertEquals(Position.of(big), insert.range().first());
        assertEquals(1, insert.range().records());
    }

    @Test
    void transitionsAdvanceTheRevisionAndTheCommittedPosition() {
        PendingRange range = new PendingRange(Position.of("10"), Position.of("30"), 3, "t");
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
}
