package dev.shardhouse.handler;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.decode.Decoded;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.DedupToken;
import dev.shardhouse.dedup.ExactlyOncePlanner;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.PositionsFingerprint;
import dev.shardhouse.dedup.Step;
import dev.shardhouse.handler.PhaseTimer.Phase;
import dev.shardhouse.insert.BatchWriter;
import dev.shardhouse.insert.RefusedRows;
import dev.shardhouse.insert.TargetInsert;
import dev.shardhouse.map.Mapping;
import dev.shardhouse.map.TargetTable;
import dev.shardhouse.source.KinesisStreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One shard's batch through decode → map → dedup → insert → checkpoint, exactly once.
 *
 * <p>The protocol, per attempt: read the checkpoint; if a previous claim is still pending, replay it — its records
 * (read back from Kinesis if the batch does not hold them all) routed as the claim says, under its token, so that
 * ClickHouse drops what it already has — and commit it; then map the batch's new records and claim them with a
 * compare-and-set that pins what a replay must repeat (positions, routing, table definition, a token no other claim
 * has), insert them, and commit. A lost compare-and-set means another invocation moved the checkpoint: read it again
 * and re-plan. No insert happens without a won claim.
 *
 * <p>When ClickHouse refuses an insert before writing anything, what happens next is decided by whether the refusal
 * also met every earlier attempt of the claim, which holds when the table's definition is the one the claim was
 * mapped with: refused rows are then found by a dry run and routed to the error table under a new token, and a
 * refusal of the whole insert releases the claim. Under another definition it cannot be told whether an earlier
 * attempt was stored, and the batch fails without guessing.
 */
public final class ShardBatchProcessor {

    private static final int MAX_ATTEMPTS = 8;
    /** Dry runs per claim: a table that refuses other rows each time is being changed under the function. */
    private static final int MAX_ISOLATIONS = 3;
    private static final Comparator<Decoded> BY_POSITION = Comparator.comparing(Decoded::position);

    private final RecordDecoder decoder;
    private final TargetTable target;
    private final CheckpointStore checkpoints;
    private final BatchWriter writer;
    private final RefusedRows refusedRows;
    private final KinesisStreams streams;
    /** Reads the table's definition while the batch is decoded and its checkpoint read: neither needs the other. */
    private final ExecutorService definitions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "shardhouse-definition");
        thread.setDaemon(true);
        return thread;
    });
    /** The checkpoint this instance last committed per shard: the next batch of a warm instance skips the read. */
    private final Map<String, Checkpoint> lastWritten = new ConcurrentHashMap<>();

    public ShardBatchProcessor(RecordDecoder decoder, TargetTable target, CheckpointStore checkpoints,
                               BatchWriter writer, RefusedRows refusedRows, KinesisStreams streams) {
        this.decoder = decoder;
        this.target = target;
        this.checkpoints = checkpoints;
        this.writer = writer;
        this.refusedRows = refusedRows;
        this.streams = streams;
    }

    CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** @param owner a name unique to this invocation, recorded with every checkpoint it writes */
    public BatchOutcome process(StreamIdentity stream, String shardId, List<KinesisRecordIn> records, String owner) {
        PhaseTimer timer = new PhaseTimer();
        CompletableFuture<Mapping> mapping = CompletableFuture.supplyAsync(target::current, definitions);
        List<Decoded> decoded = timer.time(Phase.DECODE, () -> decode(records));
        List<Position> positions = decoded.stream().map(Decoded::position).toList();
        Batch batch = new Batch(stream, shardId, checkpoints.key(stream, shardId), owner, mapping, timer, new Tally());
        Checkpoint remembered = lastWritten.get(batch.key);
        boolean fresh = remembered == null;
        Checkpoint checkpoint = fresh ? read(batch) : remembered;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Step step = ExactlyOncePlanner.plan(checkpoint, positions);
            if (!fresh && !(step instanceof Step.Insert)) {
                // Only an insert may start from a remembered checkpoint: its claim is a compare-and-set against the store.
                checkpoint = read(batch);
                fresh = true;
                continue;
            }
            if (step instanceof Step.Skip skip) {
                batch.tally.duplicates = skip.duplicates() - batch.tally.ownRecovered;
                return batch.tally.outcome(shardId, records, decoded.size(), attempt, timer);
            }
            if (step instanceof Step.Recover recover) {
                replay(batch, decoded, checkpoint, recover.pending());
            } else if (step instanceof Step.Insert insert && claimAndInsert(batch, decoded, checkpoint, insert.from())) {
                return batch.tally.outcome(shardId, records, decoded.size(), attempt, timer);
            }
            checkpoint = read(batch);
            fresh = true;
        }
        throw new CheckpointContentionException("shard " + shardId + " of " + stream.streamArn()
                + ": the checkpoint kept moving under " + MAX_ATTEMPTS + " attempts; the batch will be retried");
    }

    /**
     * Maps the new records, claims them with their routing and, if the claim wins, inserts and commits them.
     *
     * @return false if another invocation moved the checkpoint first
     */
    private boolean claimAndInsert(Batch batch, List<Decoded> decoded, Checkpoint checkpoint, int from) {
        List<Decoded> records = decoded.subList(from, decoded.size());
        Mapping mapping = batch.mapping();
        ClaimRows rows = batch.timer.time(Phase.MAP,
                () -> ClaimRows.map(records, mapping.mapper()::map, batch.stream.streamName(), batch.shardId));
        PendingRange range = PendingRange.claim(batch.key, records.stream().map(Decoded::position).toList(),
                mapping.fingerprint(), rows.routing(), newClaimId());
        Checkpoint claimed = checkpoint.claim(range);
        if (!compareAndSet(batch, checkpoint, claimed)) {
            return false;
        }
        batch.tally.duplicates = from - batch.tally.ownRecovered;
        Written written = write(batch, claimed, rows, mapping);
        if (written == null) {
            return false;
        }
        batch.tally.inserted += written.rows.target().size();
        batch.tally.failed += written.rows.errors().size();
        commit(batch, written.claim);
        return true;
    }

    /**
     * Writes a pending claim again as it was attempted and commits it: its records from this batch if it holds exactly
     * them, else from Kinesis; those that aged out of the stream meanwhile are counted as expired.
     */
    private void replay(Batch batch, List<Decoded> decoded, Checkpoint checkpoint, PendingRange pending) {
        List<Decoded> records = within(decoded, pending);
        int expired = 0;
        if (!holdsExactly(records, pending)) {
            KinesisStreams.RangeRead read = streams.read(batch.stream.streamArn(), batch.shardId, pending.first(),
                    pending.last());
            records = within(batch.timer.time(Phase.DECODE, () -> decode(read.records())), pending);
            if (read.startTrimmed() && records.size() <= pending.records()) {
                // Kinesis trims a shard from its oldest record: what survives is the claim's end.
                expired = pending.records() - records.size();
            } else if (!holdsExactly(records, pending)) {
                throw new ReplayMismatchException("shard " + batch.shardId + ": the claim of " + pending.records()
                        + " records from " + pending.first() + " to " + pending.last() + " (" + pending.positions()
                        + ") does not match the " + records.size() + " records Kinesis holds there ("
                        + PositionsFingerprint.of(records.stream().map(Decoded::position).toList()) + "). Two batches of"
                        + " one shard at once (ParallelizationFactor above 1) cause this; Shardhouse needs 1");
            }
        }
        Mapping mapping = batch.mapping();
        List<Decoded> survivors = records;
        int firstOrdinal = expired;
        ClaimRows rows = batch.timer.time(Phase.MAP, () -> ClaimRows.replay(survivors, firstOrdinal, pending.routing(),
                mapping.mapper()::map, batch.stream.streamName(), batch.shardId));
        Written written = write(batch, checkpoint, rows, mapping);
        if (written == null) {
            return;
        }
        batch.tally.recovered += records.size();
        batch.tally.expired += expired;
        batch.tally.ownRecovered += (int) decoded.stream().filter(record -> pending.contains(record.position())).count();
        commit(batch, written.claim);
    }

    /** A claim as it was finally written, and the rows written for it. */
    private record Written(Checkpoint claim, ClaimRows rows) {
    }

    /**
     * Inserts a claim's target rows, then its error rows, under its token.
     *
     * @return the claim to commit (re-routed if ClickHouse refused rows), or null if another invocation moved the
     *     checkpoint while refused rows were being routed anew
     */
    private Written write(Batch batch, Checkpoint claimed, ClaimRows claimRows, Mapping mapping) {
        Checkpoint claim = claimed;
        ClaimRows rows = claimRows;
        for (int isolations = 0; ; isolations++) {
            PendingRange range = claim.pending().orElseThrow();
            ClaimRows current = rows;
            TargetInsert result = current.target().isEmpty() ? new TargetInsert.Written(0)
                    : batch.timer.time(Phase.INSERT, () -> writer.insertTarget(mapping.columns(), current.target(),
                            range.token()));
            if (result instanceof TargetInsert.ViewFailed viewFailed) {
                batch.tally.viewFailure = viewFailed.failure().message();
            }
            if (result instanceof TargetInsert.Written || result instanceof TargetInsert.ViewFailed) {
                batch.timer.run(Phase.INSERT, () -> writer.insertErrors(batch.stream.streamName(), batch.shardId,
                        current.errors(), range.token()));
                return new Written(claim, current);
            }
            boolean sameTable = range.schema().equals(mapping.fingerprint());
            if (result instanceof TargetInsert.NotWritten notWritten) {
                if (sameTable) {
                    release(batch, claim);
                }
                throw new IllegalStateException("shard " + batch.shardId + ": ClickHouse did not take the insert of "
                        + range.records() + " records from " + range.first() + " (" + notWritten.failure().message()
                        + (sameTable ? "); the claim is released and the batch will be retried"
                                : "); the batch will be retried"), notWritten.error());
            }
            TargetInsert.Refused refused = (TargetInsert.Refused) result;
            if (!sameTable) {
                throw new ReplayMismatchException("shard " + batch.shardId + ": ClickHouse now refuses the pending"
                        + " claim from " + range.first() + " to " + range.last() + " (" + refused.failure().message()
                        + "), and the table was changed since the claim was made, so whether its first attempt was"
                        + " stored cannot be told. Undo the change until this batch has passed");
            }
            if (isolations == MAX_ISOLATIONS) {
                throw new IllegalStateException("shard " + batch.shardId + ": ClickHouse refused other rows after each of "
                        + MAX_ISOLATIONS + " dry runs; last: " + refused.failure().message());
            }
            Map<Integer, String> refusedRows = batch.timer.time(Phase.INSERT,
                    () -> this.refusedRows.find(mapping.columns(), current.target()));
            if (refusedRows.isEmpty()) {
                release(batch, claim);
                throw new IllegalStateException("shard " + batch.shardId + ": ClickHouse refused the insert but no row"
                        + " on its own (" + refused.failure().message() + "); the claim is released and the batch will"
                        + " be retried", refused.error());
            }
            rows = current.refusing(refusedRows);
            Checkpoint rerouted = claim.reclaim(range.rerouted(range.routing().with(refusedRows),
                    DedupToken.of(batch.key, range.first(), range.last(), newClaimId())));
            if (!compareAndSet(batch, claim, rerouted)) {
                return null;
            }
            claim = rerouted;
        }
    }

    private static boolean holdsExactly(List<Decoded> records, PendingRange pending) {
        return records.size() == pending.records()
                && PositionsFingerprint.of(records.stream().map(Decoded::position).toList()).equals(pending.positions());
    }

    private static String newClaimId() {
        return UUID.randomUUID().toString();
    }

    private Checkpoint read(Batch batch) {
        return batch.timer.time(Phase.CHECKPOINT, () -> checkpoints.read(batch.stream, batch.shardId));
    }

    private boolean compareAndSet(Batch batch, Checkpoint expected, Checkpoint next) {
        return batch.timer.time(Phase.CHECKPOINT,
                () -> checkpoints.compareAndSet(batch.stream, batch.shardId, expected, next, batch.owner));
    }

    /** Gives a claim up; losing the race to do so is fine, since whoever won moved the checkpoint on. */
    private void release(Batch batch, Checkpoint claim) {
        lastWritten.remove(batch.key);
        compareAndSet(batch, claim, claim.release());
    }

    private void commit(Batch batch, Checkpoint claimed) {
        batch.timer.run(Phase.CHECKPOINT, () -> checkpoints.commit(batch.stream, batch.shardId, claimed, batch.owner));
        lastWritten.put(batch.key, claimed.commit());
    }

    private List<Decoded> decode(List<KinesisRecordIn> records) {
        List<Decoded> decoded = new ArrayList<>(records.size());
        for (KinesisRecordIn record : records) {
            decoded.addAll(decoder.decode(record));
        }
        decoded.sort(BY_POSITION); // a shard arrives in order; the planner relies on it, so it is made certain
        return decoded;
    }

    private static List<Decoded> within(List<Decoded> records, PendingRange range) {
        return records.stream().filter(record -> range.contains(record.position())).toList();
    }

    /** What every step of one batch needs. */
    private record Batch(StreamIdentity stream, String shardId, String key, String owner,
                         CompletableFuture<Mapping> definition, PhaseTimer timer, Tally tally) {

        /** The target table as it was defined when the batch began. */
        Mapping mapping() {
            return timer.time(Phase.MAP, () -> Futures.joined(definition));
        }
    }

    /**
     * Counters of one batch. Inserted and failed count a new claim's first insert, which no earlier insert can have
     * stored; a replayed claim's records count as recovered, since whether ClickHouse already had them cannot be told.
     */
    private static final class Tally {
        long inserted;
        int failed;
        int duplicates;
        int recovered;
        int expired;
        /** This batch's own records that a replay in it committed: neither duplicates nor new. */
        int ownRecovered;
        String viewFailure;

        BatchOutcome outcome(String shardId, List<KinesisRecordIn> records, int userRecords, int attempts,
                             PhaseTimer timer) {
            String firstSequence = records.isEmpty() ? "" : records.get(0).sequenceNumber();
            String lastSequence = records.isEmpty() ? "" : records.get(records.size() - 1).sequenceNumber();
            return new BatchOutcome(shardId, firstSequence, lastSequence, records.size(), userRecords, inserted, failed,
                    duplicates, recovered, expired, attempts, viewFailure, timer.millis());
        }
    }
}
