package dev.shardhouse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
            AtomicInteger describes = new AtomicInteger();
            KinesisStreams counted = new KinesisStreams((KinesisClient) Proxy.newProxyInstance(
                    KinesisClient.class.getClassLoader(), new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
                        if (method.getName().equals("describeStreamSummary")) {
                            describes.incrementAndGet();
                        }
                        try {
                            return method.invoke(kinesis, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));

            assertEquals(new StreamSummary(3, Duration.ofHours(48)), counted.describe(arn));
            StreamIdentity identity = counted.identity(arn);

            assertEquals(1, describes.get());
            assertEquals(new StreamIdentity(arn, kinesis.describeStreamSummary(request -> request.streamARN(arn))
                    .streamDescriptionSummary().streamCreationTimestamp().toEpochMilli()), identity);
        } finally {
            streams.delete(arn);
        }
    }
}
