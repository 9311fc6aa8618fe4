package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.util.Objects;

/** What DescribeStreamSummary says about the stream. */
public record StreamSummary(StreamIdentity stream, String status, int retentionHours, String mode) {

    public StreamSummary {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(mode, "mode");
    }

    /** ListShards answers while the stream is ACTIVE or UPDATING (resharding), not while it is created or deleted. */
    public boolean listable() {
        return "ACTIVE".equals(status) || "UPDATING".equals(status);
    }
}
