package dev.shardhouse.handler;

import static dev.shardhouse.concurrent.Futures.daemonThreads;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.concurrent.Futures;
import dev.shardhouse.decode.Decoded;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.dedup.Attempts;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.DedupToken;
import dev.shardhouse.dedup.ExactlyOncePlanner;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.PositionsFingerprint;
import dev.shardhouse.dedup.Step;
import dev.shardhouse.handler.PhaseTimer.Phase;
import dev.shardhouse.insert.ClaimWriter;
import dev.shardhouse.insert.PendingInsert;
import dev.shardhouse.insert.RefusedRowFinder;
import dev.shardhouse.insert.TargetInsert;
import dev.shardhouse.map.Mapping;
import dev.shardhouse.map.TableDefinition;
import dev.shardhouse.map.UnmatchedSummary;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.source.ShardRangeReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One shard's batch through decode → map → dedup → insert → checkpoint, exactly once.
 *
 * <p>The protocol, per attempt: read the checkpoint; if a previous claim is still pending, replay it — its records
 * (read back from Kinesis if the batch does not hold them all) routed as the claim says, under its token, so that
 * ClickHouse drops what it already has — and commit it; then map the batch's new records and claim them with a
 * compare-and-set that pins what a replay must repeat (positions, routing, table definition, a token no other claim
 * has), insert them, and commit. A lost compare-and-set means another invocation moved the checkpoint: read it again
 * and re-plan. No insert can store a row without a won claim: a new claim's rows go up while it is written, but the
 * body's last row waits for the claim to be won (see {@link dev.shardhouse.insert.BatchWriter#beginTarget}).
 *
 * <p>Every insert under a claim's token is counted in the claim before it can store anything (a replay by a
 * compare-and-set of its own), and taken off when ClickHouse refused it before writing anything. When ClickHouse
 * refuses an insert, refused rows are routed to the error table under a new token only where those counts prove that
 * nothing under the claim's token was stored (see {@link #write}); where they cannot, the batch fails without
 * guessing.
 */
public final class ShardBatchProcessor {

    private static final int MAX_ATTEMPTS = 8;
    /** Dry runs per claim: a table that refuses other rows each time is being changed under the function. */
    private static final int MAX_ISOLATIONS = 3;
    private static final Comparator<Decoded> BY_POSITION = Comparator.comparing(Decoded::position);
    /** Reads the table's definition while the batch is decoded and its checkpoint read: neither needs the other. */
    private static final ExecutorService DEFINITIONS = Executors.newCachedThreadPool(daemonThreads("shardhouse-definition"));

    private final RecordDecoder decoder;
    private final TableDefinition target;
    private final CheckpointStore checkpoints;
    private final ClaimWriter writer;
    private final RefusedRowFinder refusedRows;
    private final ShardRangeReader streams;
    private final ExpiredRecords expiredRecords;
    /**
     * The mapping of the table's definition as this instance last read it: a warm batch maps with it instead of asking
     * ClickHouse again. Safe because every insert carries the definition its rows were mapped for and ClickHouse stops
     * it before reading a row if the table has changed since ({@link TargetInsert.Stale}); the batch then reads the
     * definition again and re-plans. No guard sees rows routed to the error table, so a batch that routes any reads
     * the definition before its claim.
     */
    private final AtomicReference<Mapping> mappingInUse = new AtomicReference<>();
    /** The checkpoint this instance last committed per shard: the next batch of a warm instance skips the read. */
    private final Map<String, Checkpoint> lastWritten = new ConcurrentHashMap<>();
    private final SpentCommits spentCommits;

    public ShardBatchProcessor(RecordDecoder decoder, TableDefinition target, CheckpointStore checkpoints,
                               ClaimWriter writer, RefusedRowFinder refusedRows, ShardRangeReader streams,
                               ExpiredRecords expiredRecords) {
        this(decoder, target, checkpoints, writer, refusedRows, streams, expiredRecords,
                Executors.newSingleThreadExecutor(daemonThreads("spent-commits")));
    }

    /** @param deleter runs the deletes of spent commit records beside the batches (the simulation runs them in line) */
    public ShardBatchProcessor(RecordDecoder decoder, TableDefinition target, CheckpointStore checkpoints,
                               ClaimWriter writer, RefusedRowFinder refusedRows, ShardRangeReader streams,
                               ExpiredRecords expiredRecords, Executor deleter) {
        this.decoder = decoder;
        this.target = target;
        this.checkpoints = checkpoints;
        this.spentCommits = new SpentCommits(checkpoints, deleter);
        this.writer = writer;
        this.refusedRows = refusedRows;
        this.streams = streams;
        this.expiredRecords = expiredRecords;
    }

    CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** @param owner a name unique to this invocation, recorded with every checkpoint it writes */
    public BatchOutcome process(StreamIdentity stream, String shardId, List<KinesisRecordIn> records, String owner) {
        PhaseTimer timer = new PhaseTimer();
        CompletableFuture<Mapping> mapping = mapping();
        List<Decoded> decoded = timer.time(Phase.DECODE, () -> decode(records));
        List<Position> positions = decoded.stream().map(Decoded::position).toList();
        Batch batch = new Batch(stream, shardId, checkpoints.key(stream, shardId), owner, mapping, timer, new Tally());
        Checkpoint remembered = lastWritten.get(batch.key);
        boolean fresh = remembered == null;
        Checkpoint checkpoint = fresh ? read(batch) : remembered;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                Step step = ExactlyOncePlanner.plan(checkpoint, positions);
                if (!fresh && !(step instanceof Step.Insert)) {
                    // Only an insert may start from a remembered checkpoint: its claim is a compare-and-set.
                    checkpoint = read(batch);
                    fresh = true;
                    continue;
                }
                if (step instanceof Step.Interleaved interleaved) {
                    throw new ReplayMismatchException("shard " + shardId + ": record " + interleaved.record()
                            + " lies inside the committed claim of " + interleaved.claim().records() + " records from "
                            + interleaved.claim().first() + " to " + interleaved.claim().last() + " but was not"
                            + " one of them, so it is not in ClickHouse although the checkpoint has passed it. Two"
                            + " batches of one shard ran at once (ParallelizationFactor above 1); Shardhouse needs 1."
                            + " Set it to 1: this batch fails until it reaches the mapping's failure destination, which"
                            + " names its records to re-read");
                }
                if (step instanceof Step.Skip skip) {
                    batch.tally.duplicates = skip.duplicates() - batch.tally.committedHere;
                    return batch.tally.outcome(shardId, records, decoded.size(), attempt, timer);
                }
                if (step instanceof Step.Recover recover) {
                    replay(batch, decoded, checkpoint, recover.pending());
                } else if (step instanceof Step.Insert insert) {
                    Claimed claimed = claimAndInsert(batch, decoded, checkpoint, insert.from());
                    if (claimed == Claimed.ALL) {
                        return batch.tally.outcome(shardId, records, decoded.size(), attempt, timer);
                    }
                    if (claimed == Claimed.PART) {
                        // Not a lost race: the rest is claimed next, from the checkpoint just committed.
                        attempt--;
                        checkpoint = lastWritten.get(batch.key);
                        continue;
                    }
                }
            } catch (StaleMapping stale) {
                batch = remapped(batch, stale);
            }
            checkpoint = read(batch);
            fresh = true;
        }
        throw new CheckpointContentionException("shard " + shardId + " of " + stream.streamArn()
                + ": the checkpoint kept moving under " + MAX_ATTEMPTS + " attempts; the batch will be retried");
    }

    /** How much of the batch's new records a claim took. */
    private enum Claimed { NONE, PART, ALL }

    /**
     * Maps the new records, claims them with their routing and, if the claim wins, inserts and commits them. A routing
     * too long for one claim (a batch of many bad records) makes the claim take the records before it, the rest coming
     * next.
     *
     * @return NONE if another invocation moved the checkpoint first
     */
    private Claimed claimAndInsert(Batch batch, List<Decoded> decoded, Checkpoint checkpoint, int from) {
        List<Decoded> records = decoded.subList(from, decoded.size());
        Mapping mapping = mappingOf(batch);
        ClaimRows mapped = batch.timer.time(Phase.MAP,
                () -> ClaimRows.map(records, mapping.mapper()::map, batch.stream.streamName(), batch.shardId));
        if (!mapped.errors().isEmpty() && !stillCurrent(batch, mapping)) {
            // No insert's guard checks the routing of records to the error table: a stale mapping could send there
            // records the table as it is now accepts.
            throw new StaleMapping(mapping);
        }
        int taken = mapped.routing().recordsFitting(records.size());
        ClaimRows rows = mapped.prefix(taken);
        PendingRange range = PendingRange.claim(batch.key, records.subList(0, taken).stream().map(Decoded::position)
                .toList(), mapping.fingerprint(), rows.routing(), newClaimId());
        Checkpoint claimed = checkpoint.claim(range);
        // The rows go up while the claim is written; they can be stored only once it is won.
        PendingInsert upload = rows.target().isEmpty() ? null
                : writer.beginTarget(mapping.layout(), rows.target(), range.token());
        boolean won = false;
        try {
            won = compareAndSet(batch, checkpoint, claimed);
        } finally {
            if (!won && upload != null) {
                batch.timer.run(Phase.INSERT, upload::abandon);
            }
        }
        if (!won) {
            return Claimed.NONE;
        }
        // The claim wrote the previous one's commit into the row: its commit record is spent.
        checkpoint.lastClaim().ifPresent(previous -> spentCommits.spent(batch.key, previous.token()));
        CompletableFuture<Void> forgetting = spentCommits.forgetIfDue();
        try {
            batch.tally.duplicates = from - batch.tally.committedHere;
            Written written = write(batch, claimed, rows, mapping, upload);
            if (written == null) {
                return Claimed.NONE;
            }
            batch.tally.inserted += written.rows.target().size();
            batch.tally.failed += written.rows.errors().size();
            batch.tally.unmatched = batch.tally.unmatched.plus(written.rows.unmatched());
            batch.tally.committedHere += taken;
            commit(batch, written.claim);
            return taken == records.size() ? Claimed.ALL : Claimed.PART;
        } finally {
            batch.timer.run(Phase.CHECKPOINT, forgetting::join); // within the invocation; it never fails
        }
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
                if (expired > 0) {
                    expiredRecords.found(batch.stream, batch.shardId, pending, expired);
                }
            } else if (!holdsExactly(records, pending)) {
                throw new ReplayMismatchException("shard " + batch.shardId + ": the claim of " + pending.records()
                        + " records from " + pending.first() + " to " + pending.last() + " ("
                        + PositionsFingerprint.digestOf(pending.positions()) + ") does not match the " + records.size() + " records Kinesis holds there ("
                        + PositionsFingerprint.digest(records.stream().map(Decoded::position).toList())
                        + "). Two batches of"
                        + " one shard at once (ParallelizationFactor above 1) cause this; Shardhouse needs 1");
            }
        }
        Mapping mapping = mappingOf(batch);
        List<Decoded> survivors = records;
        int firstOrdinal = expired;
        ClaimRows rows;
        try {
            rows = batch.timer.time(Phase.MAP, () -> ClaimRows.replay(survivors, firstOrdinal, pending.routing(),
                    mapping.mapper()::map, batch.stream.streamName(), batch.shardId));
        } catch (ReplayMismatchException e) {
            // A record the claim sent to the table does not map: perhaps only for the definition this instance had.
            if (!stillCurrent(batch, mapping)) {
                throw new StaleMapping(mapping);
            }
            throw e;
        }
        // Counted before it inserts: an invocation that read the claim before it was released loses here.
        Checkpoint attempt = checkpoint.attempt(mapping.fingerprint());
        if (!compareAndSet(batch, checkpoint, attempt)) {
            return;
        }
        Written written = write(batch, attempt, rows, mapping, null);
        if (written == null) {
            return;
        }
        batch.tally.recovered += records.size();
        batch.tally.expired += expired;
        batch.tally.committedHere += (int) decoded.stream().filter(record -> pending.contains(record.position())).count();
        commit(batch, written.claim);
    }

    /** A claim as it was finally written, and the rows written for it. */
    private record Written(Checkpoint claim, ClaimRows rows) {
    }

    /**
     * Inserts a claim's target rows, then its error rows, under its token, as one of its open attempts (see
     * {@link dev.shardhouse.dedup.Attempts}).
     *
     * <p>A refusal before anything was written is handled only where the claim's attempts prove that nothing under
     * the token was stored: refused rows are then found by a dry run, the claim is released and the same records are
     * claimed again with the refused ones routed to the error table, under a new token, before anything is written. A
     * block spanning too many partitions releases the claim on the same proof, so that smaller batches go through.
     * Without the proof the attempt is closed and the batch fails: a retry repeats the same token.
     *
     * @param upload the target insert already begun for {@code attempt}'s rows, or null
     * @return the claim to commit, or null if another invocation moved the checkpoint meanwhile
     */
    private Written write(Batch batch, Checkpoint attempt, ClaimRows claimRows, Mapping mapping, PendingInsert upload) {
        Checkpoint claim = attempt;
        ClaimRows rows = claimRows;
        for (int isolations = 0; ; isolations++) {
            PendingRange range = claim.pending().orElseThrow();
            ClaimRows current = rows;
            PendingInsert begun = isolations == 0 ? upload : null;
            TargetInsert result = current.target().isEmpty() ? new TargetInsert.Written(0)
                    : batch.timer.time(Phase.INSERT, () -> begun != null ? begun.finish()
                            : writer.insertTarget(mapping.layout(), current.target(), range.token()));
            if (result instanceof TargetInsert.ViewFailed viewFailed) {
                batch.tally.viewFailure = viewFailed.failure().message();
            }
            if (result instanceof TargetInsert.Written || result instanceof TargetInsert.ViewFailed) {
                batch.timer.run(Phase.INSERT, () -> writer.insertErrors(batch.stream.streamName(), batch.shardId,
                        current.errors(), range.token()));
                return new Written(claim, current);
            }
            if (result instanceof TargetInsert.Stale) {
                // The guard stopped this attempt before a row: alone, it proves the token unused, and a claim released
                // is routed afresh for the table as it is now rather than replayed with the stale mapping's routing.
                close(batch, claim, mapping, Release.IF_ONLY_ATTEMPT);
                throw new StaleMapping(mapping);
            }
            if (result instanceof TargetInsert.NotWritten notWritten) {
                Closed closed = close(batch, claim, mapping,
                        notWritten.failure().isTooManyPartitionsPerBlock() ? Release.IF_PROVEN : Release.NEVER);
                throw new IllegalStateException("shard " + batch.shardId + ": ClickHouse did not take the insert of "
                        + range.records() + " records from " + range.first() + " (" + notWritten.failure().message()
                        + (closed.released() ? "); the claim is released, so a smaller batch can go through"
                                : "); the batch will be retried with the same token"), notWritten.error());
            }
            TargetInsert.Refused refused = (TargetInsert.Refused) result;
            Closed closed = close(batch, claim, mapping,
                    isolations < MAX_ISOLATIONS ? Release.IF_PROVEN : Release.NEVER);
            if (closed.how() == Closed.How.GONE) {
                return null;
            }
            if (closed.how() == Closed.How.KEPT) {
                if (isolations == MAX_ISOLATIONS) {
                    throw new IllegalStateException("shard " + batch.shardId + ": ClickHouse refused other rows after"
                            + " each of " + MAX_ISOLATIONS + " dry runs; last: " + refused.failure().message(),
                            refused.error());
                }
                Attempts others = closed.checkpoint().pending().map(PendingRange::attempts).orElse(Attempts.NONE);
                throw new ReplayMismatchException("shard " + batch.shardId + ": ClickHouse now refuses the pending"
                        + " claim from " + range.first() + " to " + range.last() + " (" + refused.failure().message()
                        + "), and other attempts at it are open (" + others + ", by table definition; this one: "
                        + mapping.fingerprint() + "): " + (others.open().keySet().equals(Set.of(mapping.fingerprint()))
                                ? "the table's constraints depend on the clock or chance, so one may have been accepted"
                                : "one ran under another definition of the table and may have stored it")
                        + ". Whether the claim was stored cannot be told: let the table accept these rows (relax the"
                        + " constraint, or restore the definition it had) until this batch has passed");
            }
            Checkpoint released = closed.checkpoint();
            Map<Integer, String> refusedRows = batch.timer.time(Phase.INSERT,
                    () -> this.refusedRows.find(mapping.layout(), current.target()));
            if (refusedRows.isEmpty()) {
                throw new IllegalStateException("shard " + batch.shardId + ": ClickHouse refused the insert but no row"
                        + " on its own (" + refused.failure().message() + "); the claim is released and the batch will"
                        + " be retried", refused.error());
            }
            rows = current.refusing(refusedRows);
            Checkpoint rerouted = released.claim(range.rerouted(range.routing().with(refusedRows),
                    DedupToken.of(batch.key, range.first(), range.last(), newClaimId()), mapping.fingerprint()));
            if (!compareAndSet(batch, released, rerouted)) {
                return null;
            }
            claim = rerouted;
        }
    }

    /** What closing a refused attempt did to its claim, and the checkpoint it left. */
    private record Closed(How how, Checkpoint checkpoint) {
        enum How {
            /** Released: nothing under its token was stored. */
            RELEASED,
            /** Still pending, this attempt no longer counted: another may have stored the claim. */
            KEPT,
            /** Another invocation committed or released the claim meanwhile. */
            GONE
        }

        boolean released() {
            return how == How.RELEASED;
        }
    }

    /** When closing an attempt that wrote nothing may release its claim. */
    private enum Release {
        NEVER,
        /** When it is the claim's only open attempt: the others were all proven to have written nothing. */
        IF_ONLY_ATTEMPT,
        /** When a refusal of it proves that no open attempt stored anything: see {@link Attempts}. */
        IF_PROVEN;

        boolean allows(Attempts attempts, Mapping mapping) {
            return switch (this) {
                case NEVER -> false;
                case IF_ONLY_ATTEMPT -> attempts.refusalProvesNothingStored(mapping.fingerprint(), false);
                case IF_PROVEN -> attempts.refusalProvesNothingStored(mapping.fingerprint(),
                        mapping.deterministicChecks());
            };
        }
    }

    /**
     * Closes this invocation's attempt at {@code claim}, which ClickHouse refused before writing anything: releases the
     * claim where {@code when} allows it, else takes the attempt off the count. A lost compare-and-set is tried
     * again on the checkpoint as it is now, while it holds the same claim.
     */
    private Closed close(Batch batch, Checkpoint claim, Mapping mapping, Release when) {
        String token = claim.pending().orElseThrow().token();
        Checkpoint current = claim;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            boolean release = when.allows(current.pending().orElseThrow().attempts(), mapping);
            Checkpoint next = release ? current.release() : current.settle(mapping.fingerprint());
            if (compareAndSet(batch, current, next)) {
                if (release) {
                    lastWritten.remove(batch.key);
                }
                return new Closed(release ? Closed.How.RELEASED : Closed.How.KEPT, next);
            }
            current = read(batch);
            if (!pendingUnder(current, token)) {
                return new Closed(Closed.How.GONE, current);
            }
        }
        // Still counted: a later refusal cannot release the claim, which errs on the side of keeping it.
        return new Closed(Closed.How.KEPT, current);
    }

    /** Whether the checkpoint still holds the claim of {@code token}, pending. */
    private static boolean pendingUnder(Checkpoint checkpoint, String token) {
        return checkpoint.pending().filter(range -> range.token().equals(token)).isPresent();
    }

    private static boolean holdsExactly(List<Decoded> records, PendingRange pending) {
        return records.size() == pending.records()
                && PositionsFingerprint.matches(pending.positions(), records.stream().map(Decoded::position).toList());
    }

    /** The mapping in use, or a read of the table's definition on another thread when there is none yet. */
    private CompletableFuture<Mapping> mapping() {
        Mapping inUse = mappingInUse.get();
        if (inUse != null) {
            return CompletableFuture.completedFuture(inUse);
        }
        return CompletableFuture.supplyAsync(target::current, DEFINITIONS);
    }

    /** The batch's mapping, which this instance's next batches use: recorded by the invocation, not the reader. */
    private Mapping mappingOf(Batch batch) {
        Mapping mapping = batch.mapping();
        mappingInUse.set(mapping);
        return mapping;
    }

    /** Whether the table is still defined as {@code mapping} says; if not, today's definition becomes the one in use. */
    private boolean stillCurrent(Batch batch, Mapping mapping) {
        Mapping now = batch.timer.time(Phase.MAP, target::current);
        if (now.fingerprint().equals(mapping.fingerprint())) {
            return true;
        }
        mappingInUse.set(now);
        return false;
    }

    /**
     * The batch with the table's definition read again, after an insert found the mapping in use stale. A read giving
     * the same definition means the table changed back and forth meanwhile: the batch fails and is retried.
     */
    private Batch remapped(Batch batch, StaleMapping stale) {
        mappingInUse.compareAndSet(stale.mapping, null);
        Batch remapped = batch.remapped(mapping());
        if (mappingOf(remapped).fingerprint().equals(stale.mapping.fingerprint())) {
            throw new IllegalStateException("shard " + batch.shardId + ": the definition of the target table changed"
                    + " while the batch was written; the batch will be retried", stale);
        }
        return remapped;
    }

    /** An insert's guard found the table defined otherwise than the mapping its rows were made with. */
    private static final class StaleMapping extends RuntimeException {
        private final transient Mapping mapping;

        StaleMapping(Mapping mapping) {
            super("the target table's definition changed after the batch's rows were mapped", null, false, false);
            this.mapping = mapping;
        }
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

    /**
     * Commits a claim whose rows this invocation wrote: one write, whatever a concurrent replay counted meanwhile, since
     * the commit names the claim's token, not the revision read.
     */
    private void commit(Batch batch, Checkpoint claimed) {
        batch.timer.run(Phase.CHECKPOINT, () -> checkpoints.commit(batch.stream, batch.shardId, claimed, batch.owner));
        lastWritten.put(batch.key, claimed.markedCommitted());
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

        /** The mapping of the target table as this batch knows it. */
        Mapping mapping() {
            return timer.time(Phase.MAP, () -> Futures.joined(definition));
        }

        Batch remapped(CompletableFuture<Mapping> mapping) {
            return new Batch(stream, shardId, key, owner, mapping, timer, tally);
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
        /** This batch's records that it committed itself, in a replay or an earlier claim: not duplicates. */
        int committedHere;
        String viewFailure;
        UnmatchedSummary unmatched = UnmatchedSummary.NONE;

        BatchOutcome outcome(String shardId, List<KinesisRecordIn> records, int userRecords, int attempts,
                             PhaseTimer timer) {
            String firstSequence = records.isEmpty() ? "" : records.get(0).sequenceNumber();
            String lastSequence = records.isEmpty() ? "" : records.get(records.size() - 1).sequenceNumber();
            return new BatchOutcome(shardId, firstSequence, lastSequence, records.size(), userRecords, inserted, failed,
                    duplicates, recovered, expired, attempts, viewFailure, unmatched, timer.millis());
        }
    }
}
