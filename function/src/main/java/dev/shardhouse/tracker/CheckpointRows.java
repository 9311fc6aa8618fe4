package dev.shardhouse.tracker;

import java.time.Instant;
import java.util.List;

/**
 * The tracker's side of the checkpoint store: {@link Checkpoints} against ClickHouse, or the deterministic simulation's
 * keeper (issue 18), so that retirement runs unchanged against either.
 */
public interface CheckpointRows {

    /** Every checkpoint row of the ARN, of every incarnation, of this pipeline, and its spent commit records. */
    CheckpointScan ofStream(String streamArn);

    /** Deletes commit records the scan found spent. */
    void forget(List<String> spentCommits);

    /**
     * Archives, then deletes, each row at the revision it was read at.
     *
     * @return how many are gone from the checkpoint table afterwards
     */
    int retire(List<Retirement> retirements, Instant archivedAt);
}
