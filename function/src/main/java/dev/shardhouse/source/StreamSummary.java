package dev.shardhouse.source;

import java.time.Duration;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * What the start-up deduplication check needs to know of the stream: how many shards insert at once, and how long
 * the stream keeps a record (so how long a batch can be retried when the mapping retries until records expire).
 */
public record StreamSummary(int openShards, Duration retention) {

    /** What a DescribeStreamSummary said ({@link KinesisStreams#describe}). */
    static StreamSummary of(StreamDescriptionSummary summary) {
        return new StreamSummary(summary.openShardCount(), Duration.ofHours(summary.retentionPeriodHours()));
    }
}
