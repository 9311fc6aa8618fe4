package dev.shardhouse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.testing.CountingKinesis;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

class StreamSummaryIT {

    private final KinesisClient kinesis = LocalServices.kinesis();
    private final TestStreams streams = new TestStreams(kinesis);

    /** The init's one DescribeStreamSummary gives the start-up check its figures and the first batch its identity. */
    @Test
    void oneDescribeReadsTheOpenShardsAndTheRetentionByArnAndTheIdentity() {
        String arn = streams.create("summary", 3);
        try {
            kinesis.increaseStreamRetentionPeriod(request -> request.streamARN(arn).retentionPeriodHours(48));
            streams.awaitActive(TestStreams.nameOf(arn));
            CountingKinesis calls = new CountingKinesis(kinesis);
            KinesisStreams counted = new KinesisStreams(calls.client());

            assertEquals(new StreamSummary(3, Duration.ofHours(48)), counted.describe(arn));
            StreamIdentity identity = counted.identity(arn);

            assertEquals(Map.of("describeStreamSummary", 1L), calls.drain());
            assertEquals(new StreamIdentity(arn, kinesis.describeStreamSummary(request -> request.streamARN(arn))
                    .streamDescriptionSummary().streamCreationTimestamp().toEpochMilli()), identity);
        } finally {
            streams.delete(arn);
        }
    }
}
