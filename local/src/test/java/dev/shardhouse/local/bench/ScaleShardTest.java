package dev.shardhouse.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleShardTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/bench-scale";

    private static List<String> sequenceNumbers(KinesisEvent batch) {
        return batch.getRecords().stream().map(record -> record.getKinesis().getSequenceNumber()).toList();
    }

    @Test
    void aBatchHoldsWhatArrivedSinceTheLastOneWentThroughAndNothingTwice() {
        ScaleShard shard = new ScaleShard(3, id -> Long.toString(id).getBytes(StandardCharsets.UTF_8));
        shard.arrive(2);
        KinesisEvent first = shard.nextBatch(ARN);
        shard.arrive(2);
        shard.arrive(1);

        assertEquals(2, first.getRecords().size(), "what arrives while a batch is in flight waits for the next one");
        shard.acknowledge(first);
        KinesisEvent second = shard.nextBatch(ARN);
        assertEquals(List.of("49" + "0".repeat(44) + "3000000002", "49" + "0".repeat(44) + "3000000003",
                "49" + "0".repeat(44) + "3000000004"), sequenceNumbers(second));
        assertEquals("shardId-000000000003", second.getRecords().get(0).getEventID().split(":")[0]);
        assertTrue(shard.hasWaiting());
        shard.acknowledge(second);
        assertFalse(shard.hasWaiting());
        assertEquals(5, shard.delivered());
    }

    @Test
    void optionsAreCheckedOnce() {
        ScaleOptions options = ScaleOptions.parse(new String[] {"--shards", "8,16", "--seconds", "5"});

        assertEquals(List.of(8, 16), options.shards());
        assertEquals(5, options.seconds());
        assertEquals(10, options.recordsPerSecond());
        assertThrows(IllegalArgumentException.class, () -> ScaleOptions.parse(new String[] {"--shards", "0"}));
        assertThrows(IllegalArgumentException.class, () -> ScaleOptions.parse(new String[] {"--shard", "8"}));
        assertThrows(IllegalArgumentException.class, () -> ScaleOptions.parse(new String[] {"--seconds"}));
    }
}
