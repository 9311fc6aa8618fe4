package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which checkpoint rows of a stream are finished with. Pure: it sees the rows as read and the listing
 * that was taken after reading them, so a row of a shard that is missing from the listing really belongs to a
 * shard that is gone (a shard created after the listing cannot have a row that was read before it).
 */
public final class RetirementPlan {

    private final StreamListing listing;
    private final Map<String, ListedShard> listed;
    private final Set<String> checkpointed;

    private RetirementPlan(StreamListing listing, List<CheckpointRow> rows) {
        this.listing = listing;
        this.listed = listing.byId();
        this.checkpointed = rows.stream()
                .filter(row -> row.stream().equals(listing.stream()))
                .map(CheckpointRow::shardId)
                .collect(Collectors.toSet());
    }

    /** The rows of the listed stream's ARN to retire, in the order given. Rows of other streams are left alone. */
    public static List<Retirement> decide(StreamListing listing, List<CheckpointRow> rows) {
        RetirementPlan plan = new RetirementPlan(listing, rows);
        return rows.stream()
                .filter(row -> row.stream().streamArn().equals(listing.stream().streamArn()))
                .flatMap(row -> plan.reasonToRetire(row).map(reason -> new Retirement(row, reason)).stream())
                .toList();
    }

    private Optional<ArchiveReason> reasonToRetire(CheckpointRow row) {
        StreamIdentity stream = listing.stream();
        if (!row.stream().equals(stream)) {
            // Whatever its state: the ingest function keys checkpoints by creation time and never reads this row
            // again, and an insert still in flight for the deleted stream fails its compare-and-set either way.
            return Optional.of(ArchiveReason.STREAM_RECREATED);
        }
        if (!row.afterProcessing()) {
            // BEFORE_PROCESSING: an insert is in flight; its pending range must stay where the ingest function looks.
            // One whose records all aged out is committed by ExpiredClaims instead, and retired by a later run.
            return Optional.empty();
        }
        ListedShard shard = listed.get(row.shardId());
        if (shard == null) {
            return Optional.of(ArchiveReason.SHARD_EXPIRED);
        }
        return readToItsEnd(shard) ? Optional.of(ArchiveReason.CHILDREN_CHECKPOINTED) : Optional.empty();
    }

    /**
     * A closed shard whose children all have checkpoints: readers start a child only after its parents reached
     * their end (as KCL does), so a checkpointed child shows the parent has nothing left to deliver.
     */
    private boolean readToItsEnd(ListedShard shard) {
        if (!shard.closed()) {
            return false;
        }
        List<ListedShard> children = listing.childrenOf(shard.shardId());
        return !children.isEmpty() && children.stream().allMatch(child -> checkpointed.contains(child.shardId()));
    }
}
