package dev.shardhouse.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StreamIdentityTest {

    private static final StreamIdentity STREAM =
            new StreamIdentity("arn:aws:kinesis:us-east-1:123456789012:stream/orders", 1_700_000_000_000L);

    @Test
    void theNameIsTheArnsLastPart() {
        assertEquals("orders", STREAM.streamName());
    }

    @Test
    void aShardsKeyTellsARecreatedStreamApart() {
        assertEquals("arn:aws:kinesis:us-east-1:123456789012:stream/orders|1700000000000|shardId-000000000001",
                STREAM.checkpointKey("shardId-000000000001"));
    }

    /** Refused where it is made: otherwise a missing ARN would key a checkpoint "null|…" and be found nowhere. */
    @Test
    void aStreamWithoutAnArnIsRefused() {
        NullPointerException refused = assertThrows(NullPointerException.class, () -> new StreamIdentity(null, 42));
        assertEquals("streamArn", refused.getMessage());
    }
}
