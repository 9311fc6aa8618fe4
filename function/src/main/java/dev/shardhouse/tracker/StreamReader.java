package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * Reads the followed stream's description and its shards from Kinesis, naming the stream by ARN: it may belong to
 * another account or region than the tracker.
 */
public final class StreamReader {

    /** ListShards' default page size; the tests use a small one to cross pages. */
    static final int PAGE_SIZE = 1000;

    private final KinesisClient kinesis;
    private final String streamArn;
    private final int pageSize;

    public StreamReader(KinesisClient kinesis, String streamArn) {
        this(kinesis, streamArn, PAGE_SIZE);
    }

    StreamReader(KinesisClient kinesis, String streamArn, int pageSize) {
        this.kinesis = kinesis;
        this.streamArn = streamArn;
        this.pageSize = pageSize;
    }

    public StreamSummary describe() {
        StreamDescriptionSummary summary = kinesis.describeStreamSummary(request -> request.streamARN(streamArn))
                .streamDescriptionSummary();
        String mode = summary.streamModeDetails() == null ? "" : summary.streamModeDetails().streamModeAsString();
        return new StreamSummary(
                new StreamIdentity(summary.streamARN(), summary.streamCreationTimestamp().toEpochMilli()),
                summary.streamStatusAsString(),
                summary.retentionPeriodHours(),
                mode);
    }

    /**
     * Every shard of the stream, all pages. The stream is described again afterwards: a stream recreated while it was
     * listed would otherwise have its new shards recorded under the old incarnation.
     *
     * @throws IllegalStateException if the stream was recreated meanwhile; the next run lists it again
     */
    public StreamListing list(StreamIdentity stream) {
        List<ListedShard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(request -> request.streamARN(streamArn).maxResults(pageSize));
        page.shards().forEach(shard -> shards.add(ListedShard.of(shard)));
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(request -> request.nextToken(token).maxResults(pageSize));
            page.shards().forEach(shard -> shards.add(ListedShard.of(shard)));
        }
        StreamIdentity after = describe().stream();
        if (!after.equals(stream)) {
            throw new IllegalStateException("stream " + streamArn + " was recreated while its shards were listed (created at "
                    + stream.createdMillis() + " ms, now " + after.createdMillis() + " ms); the next run lists it again");
        }
        return new StreamListing(stream, shards);
    }
}
