package dev.shardhouse.tracker;

import java.util.Objects;

/** A checkpoint row to archive and then delete, at the revision it was read at. */
public record Retirement(CheckpointRow row, ArchiveReason reason) {

    public Retirement {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(reason, "reason");
    }
}
