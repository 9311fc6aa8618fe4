package dev.shardhouse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

class StreamSummaryIT {

    private final KinesisClient kinesis = LocalServices.kinesis();
    private final TestStreams streams = new TestStreams(kinesis);

    @Test
    void readsTheOpenShardsAndTheRetentionByArn() {
        String arn = streams.create("summary", 3);
        try {
            kinesis.increaseStreamRetentionPeriod(request -> request.streamARN(arn).retentionPeriodHours(48));
            streams.awaitActive(TestStreams.nameOf(arn));

            assertEquals(new StreamSummary(3, Duration.ofHours(48)), StreamSummary.describe(kinesis, arn));
        } finally {
            streams.delete(arn);
        }
    }
}
