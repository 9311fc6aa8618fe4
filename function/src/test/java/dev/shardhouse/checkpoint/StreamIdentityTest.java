package dev.shardhouse.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
