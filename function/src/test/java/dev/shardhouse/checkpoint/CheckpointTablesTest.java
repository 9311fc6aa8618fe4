package dev.shardhouse.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckpointTablesTest {

    @Test
    void aPipelineIsItsTargetTableAndBeginsEveryKeyOfIt() {
        String pipeline = CheckpointTables.pipeline("shop", "orders");
        StreamIdentity stream = new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/s", 42);

        assertEquals("`shop`.`orders`", pipeline);
        assertNotEquals(pipeline, CheckpointTables.pipeline("shop", "orders_copy"));
        assertNotEquals(pipeline, CheckpointTables.pipeline("shop2", "orders"));
        assertTrue((CheckpointTables.keyPrefix(pipeline) + stream.checkpointKey("shardId-000000000000"))
                .startsWith("`shop`.`orders`|"));
    }
}
