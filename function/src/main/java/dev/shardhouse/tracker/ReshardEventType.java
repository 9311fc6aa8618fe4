package dev.shardhouse.tracker;

/** Kinds of change the tracker records, with the name stored in the events table. */
public enum ReshardEventType {
    /** A shard was split into two children. */
    SPLIT("split"),
    /** Two adjacent shards were merged into one child. */
    MERGE("merge"),
    /** The number of open shards went up since the previous run. */
    SCALE_OUT("scale-out"),
    /** The number of open shards went down since the previous run. */
    SCALE_IN("scale-in"),
    /** A shard is no longer listed: all its records are past the stream's retention. */
    SHARD_EXPIRED("shard-expired"),
    /** The stream was deleted and created again under the same name (same ARN, new creation time). */
    STREAM_RECREATED("stream-recreated");

    private final String storedName;

    ReshardEventType(String storedName) {
        this.storedName = storedName;
    }

    public String storedName() {
        return storedName;
    }
}
