package dev.shardhouse.tracker;

import java.util.List;

/**
 * A stream's checkpoints as the tracker reads them.
 *
 * @param rows         every checkpoint row, its commit records taken in
 * @param spentCommits the keys of commit records no reader needs any more: a claim the checkpoint has moved past (the
 *                     next claim wrote its commit into the row), or a checkpoint retired before a late commit arrived
 */
public record CheckpointScan(List<CheckpointRow> rows, List<String> spentCommits) {

    public CheckpointScan {
        rows = List.copyOf(rows);
        spentCommits = List.copyOf(spentCommits);
    }
}
