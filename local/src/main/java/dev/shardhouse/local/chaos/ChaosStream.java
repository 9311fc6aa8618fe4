package dev.shardhouse.local.chaos;

import dev.shardhouse.local.mapping.StreamShards;
import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/** The run's stream: created, deleted and created again under the same name, deleted at the end. */
final class ChaosStream {

    private static final Duration ACTIVE_WITHIN = Duration.ofMinutes(2);

    private final KinesisClient kinesis;
    private final String name;
    private final int shards;

    ChaosStream(KinesisClient kinesis, String name, int shards) {
        this.kinesis = kinesis;
        this.name = name;
        this.shards = shards;
    }

    void create() throws InterruptedException {
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        awaitActive();
    }

    String arn() {
        return describe().streamARN();
    }

    long createdMillis() {
        return describe().streamCreationTimestamp().toEpochMilli();
    }

    /** Deletes the stream, waits until it is gone, and creates it again with the same name and shard count. */
    void recreate() throws InterruptedException {
        delete();
        while (true) {
            try {
                describe();
                Thread.sleep(200);
            } catch (ResourceNotFoundException gone) {
                break;
            }
        }
        // Checkpoints are keyed by the creation time in milliseconds: make sure it differs even at second precision.
        Thread.sleep(1_100);
        create();
    }

    void delete() {
        kinesis.deleteStream(r -> r.streamName(name).enforceConsumerDeletion(true));
    }

    private StreamDescriptionSummary describe() {
        return kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
    }

    private void awaitActive() throws InterruptedException {
        StreamShards.awaitActive(kinesis, name, ACTIVE_WITHIN);
    }
}
