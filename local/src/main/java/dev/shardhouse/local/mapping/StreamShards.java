package dev.shardhouse.local.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** A stream's shards, open and closed, from ListShards; and waiting for the stream to be ACTIVE. */
public final class StreamShards {

    private StreamShards() {
    }

    /** All pages; a page after the first carries only the token, as ListShards requires. */
    public static List<Shard> list(KinesisClient kinesis, String stream) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(ListShardsRequest.builder().streamName(stream).build());
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(ListShardsRequest.builder().nextToken(token).build());
            shards.addAll(page.shards());
        }
        return shards;
    }

    /** Waits until the stream is ACTIVE (after its creation or a reshard). */
    public static void awaitActive(KinesisClient kinesis, String stream, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + stream + " did not become ACTIVE within " + limit.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
