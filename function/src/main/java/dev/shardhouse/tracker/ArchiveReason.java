package dev.shardhouse.tracker;

/** Why a checkpoint was retired, as stored in the archive's {@code archive_reason}. */
public enum ArchiveReason {
    /** The shard is closed and every child has a checkpoint, so the shard was read to its end. */
    CHILDREN_CHECKPOINTED("children checkpointed"),
    /** The shard is no longer listed: it aged out of the stream's retention. */
    SHARD_EXPIRED("shard expired"),
    /** The checkpoint belongs to an earlier stream with the same ARN. */
    STREAM_RECREATED("stream recreated");

    private final String storedText;

    ArchiveReason(String storedText) {
        this.storedText = storedText;
    }

    public String storedText() {
        return storedText;
    }
}
