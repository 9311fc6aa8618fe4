package dev.shardhouse.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.dedup.Position;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The decision whether a re-read range lost its start to retention. The local Kinesis keeps records for at least
 * 24 hours, so a trimmed shard cannot be produced in a test; the decision is checked here on its own.
 */
class KinesisStreamsTest {

    private static final Position FIRST = Position.of("49600000000000000000000000000000000000000000000000000100", 3);

    @Test
    void theRangeStartSurvivesWhenTheOldestRecordReadIsTheFirstClaimedOne() {
        assertFalse(KinesisStreams.startTrimmed(FIRST, record("49600000000000000000000000000000000000000000000000000100")));
    }

    @Test
    void theRangeStartAgedOutWhenTheOldestRecordLeftIsAfterIt() {
        assertTrue(KinesisStreams.startTrimmed(FIRST, record("49600000000000000000000000000000000000000000000000000101")));
    }

    @Test
    void theRangeStartSurvivesWhenTheShardStillHasOlderRecords() {
        // Read from the trim horizon after Kinesis refused the position: the refusal was not about trimming.
        assertFalse(KinesisStreams.startTrimmed(FIRST, record("49600000000000000000000000000000000000000000000000000099")));
    }

    @Test
    void aShardWithNoRecordLeftFromTheRangeOnLostItsStart() {
        assertTrue(KinesisStreams.startTrimmed(FIRST, null));
    }

    private static Record record(String sequenceNumber) {
        return Record.builder().sequenceNumber(sequenceNumber).build();
    }
}
