package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.handler.ExpiredRecords;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.source.ShardRangeReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * Commits pending claims that no replay can finish any more: every record of the claim has aged out of the stream.
 *
 * <p>An invocation killed (or failed) after its insert leaves its claim pending, and a retry replays it from the
 * records. When they all age out first, the event source mapping drops the batch, and only a later batch of the same
 * shard would find the claim and commit it as expired: a closed shard (the parent of a split or merge) or an idle one
 * gets none, so its row stayed pending for good, and the tracker never retires a pending row.
 *
 * <p>Committing such a claim cannot store a record twice, since it moves the shard's position past the claim and no
 * other claim takes its records; and it loses nothing a replay could have saved, since no replay can read them: the
 * commit is a compare-and-set on the revision read, so it loses to a replay that counted its attempt first (and a
 * replay that counts one after it loses there and skips the records), and it loses to the claim's commit record
 * ({@link Checkpoint#endedBy}). A replay holding the records in its batch that had counted its attempt before this
 * read the checkpoint may still write them under the claim's token: then they are stored once after all, and counted
 * expired all the same. They are reported before the commit, as a replay reports them: a commit whose response is
 * lost would otherwise leave them unreported for good.
 */
public final class ExpiredClaims {

    /** The owner of a row this commits: what an operator reading the checkpoint or its archive tells it by. */
    public static final String OWNER = "tracker: every record of the claim aged out";

    /**
     * How many claims a run reads the range of, at most. A stream stuck everywhere (claims standing still with their
     * records there, say a refusal waiting for an operator) would otherwise have each run read a whole batch per shard,
     * one shard after another, past the run's timeout and against the shards' read limits.
     */
    static final int READS_PER_RUN = 8;

    private final CheckpointStore store;
    private final ShardRangeReader stream;
    private final ExpiredRecords expiredRecords;

    public ExpiredClaims(CheckpointStore store, ShardRangeReader stream, ExpiredRecords expiredRecords) {
        this.store = store;
        this.stream = stream;
        this.expiredRecords = expiredRecords;
    }

    /**
     * Rows of the listed incarnation holding a claim pending (not committed by its record) that has stood still for
     * {@code stillFor}: a claim moving is being replayed, and looking at every claim in flight would cost a Kinesis read
     * each, every run. Every claim of a shard no longer listed (it needs no read), and {@link #READS_PER_RUN} of the
     * others: a window over them in shard order that moves on each minute, so that claims whose records are still
     * there do not hide the others for good.
     */
    public static List<CheckpointRow> candidates(StreamListing listing, List<CheckpointRow> rows, Instant now,
                                                 Duration stillFor) {
        Instant stillSince = now.minus(stillFor);
        Map<Boolean, List<CheckpointRow>> stillByListed = rows.stream()
                .filter(row -> row.stream().equals(listing.stream()) && !row.afterProcessing()
                        && !row.updatedAt().isAfter(stillSince))
                .sorted(Comparator.comparing(CheckpointRow::shardId))
                .collect(Collectors.partitioningBy(row -> listing.byId().containsKey(row.shardId())));
        List<CheckpointRow> toRead = stillByListed.get(true);
        List<CheckpointRow> candidates = new ArrayList<>(stillByListed.get(false));
        if (toRead.size() <= READS_PER_RUN) {
            candidates.addAll(toRead);
        } else {
            int start = (int) Math.floorMod(now.getEpochSecond() / 60 * READS_PER_RUN, (long) toRead.size());
            for (int i = 0; i < READS_PER_RUN; i++) {
                candidates.add(toRead.get((start + i) % toRead.size()));
            }
        }
        return candidates;
    }

    /**
     * Whether none of a claim's records is left, from a read of its range: Kinesis trims a shard from its oldest record,
     * so a range whose start aged out and that yields no record has lost them all.
     */
    public static boolean allAgedOut(KinesisStreams.RangeRead read) {
        return read.startTrimmed() && read.records().isEmpty();
    }

    /**
     * Commits the claim of each candidate whose records all aged out; a shard Kinesis refused to read is left for the
     * next run.
     *
     * @return the claims committed
     */
    public List<ExpiredClaim> commit(StreamListing listing, List<CheckpointRow> candidates) {
        List<ExpiredClaim> committed = new ArrayList<>();
        for (CheckpointRow row : candidates) {
            try {
                commitIfExpired(listing, row).ifPresent(committed::add);
            } catch (KinesisException e) {
                // Throttled, say: whether the records are gone is unknown, so the claim stays as it is.
            }
        }
        return committed;
    }

    private Optional<ExpiredClaim> commitIfExpired(StreamListing listing, CheckpointRow row) {
        // Read again: the scan holds no claim's range, and the compare-and-set needs the whole checkpoint.
        Checkpoint checkpoint = store.read(row.stream(), row.shardId());
        Optional<PendingRange> claim = checkpoint.pending();
        if (claim.isEmpty() || !gone(listing, row.shardId(), claim.get())) {
            return Optional.empty();
        }
        // The range read takes a while, and the claim's commit record may land meanwhile: its records are then stored,
        // not expired. The report must come before the commit, so look again just before it; a record landing between
        // this look and the compare-and-set's own (milliseconds) still has its claim reported, and committed by it.
        if (!store.read(row.stream(), row.shardId()).equals(checkpoint)) {
            return Optional.empty();
        }
        expiredRecords.found(row.stream(), row.shardId(), claim.get(), claim.get().records());
        if (!store.compareAndSet(row.stream(), row.shardId(), checkpoint, checkpoint.commit(), OWNER)) {
            return Optional.empty();
        }
        return Optional.of(new ExpiredClaim(row.shardId(), claim.get().first().sequenceNumber(),
                claim.get().last().sequenceNumber(), claim.get().records()));
    }

    private boolean gone(StreamListing listing, String shardId, PendingRange claim) {
        // The listing was taken after the rows were read: a shard missing from it outlived its retention, and every
        // record it had is gone with it (RetirementPlan retires such rows as expired).
        return !listing.byId().containsKey(shardId)
                || allAgedOut(stream.read(listing.stream().streamArn(), shardId, claim.first(), claim.last()));
    }
}
