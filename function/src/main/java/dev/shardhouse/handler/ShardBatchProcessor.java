package dev.shardhouse.handler;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.decode.Decoded;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.ExactlyOncePlanner;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Step;
import dev.shardhouse.handler.PhaseTimer.Phase;
import dev.shardhouse.insert.BatchWriter;
import dev.shardhouse.map.RowMapper;
import dev.shardhouse.source.KinesisStreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One shard's batch through decode → map → dedup → insert → checkpoint, exactly once.
 *
 * <p>The protocol, per attempt: read the checkpoint; if a previous claim is still pending, insert exactly its
 * records again with its token (ClickHouse drops what it already has) and commit it; then claim the batch's new
 * records with a compare-and-set, insert them with the claim's token, and commit. A lost compare-and-set means
 * another invocation moved the checkpoint: read it again and re-plan. No insert happens without a won claim.
 *
 * <p>The stages overlap where that cannot change the outcome: rows are mapped while the claim is in flight, and the
 * insert maps the rest as it streams them to ClickHouse.
 */
public final class ShardBatchProcessor {

    private static final int MAX_ATTEMPTS = 8;
    private static final Comparator<Decoded> BY_POSITION = Comparator.comparing(Decoded::position);

    private final RecordDecoder decoder;
    private final RowMapper mapper;
    private final CheckpointStore checkpoints;
    private final BatchWriter writer;
    private final KinesisStreams streams;
    /** Runs claims, so the batch's rows are mapped while the claim's round trip to the keeper is in flight. */
    private final ExecutorService claims = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "shardhouse-claim");
        thread.setDaemon(true);
        return thread;
    });
    /** The checkpoint this instance last committed per shard: the next batch of a warm instance skips the read. */
    private final Map<String, Checkpoint> lastWritten = new ConcurrentHashMap<>();

    public ShardBatchProcessor(RecordDecoder decoder, RowMapper mapper, CheckpointStore checkpoints,
                               BatchWriter writer, KinesisStreams streams) {
        this.decoder = decoder;
        this.mapper = mapper;
        this.checkpoints = checkpoints;
        this.writer = writer;
        this.streams = streams;
    }

    CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** @param owner a name unique to this invocation, recorded with every checkpoint it writes */
    public BatchOutcome process(StreamIdentity stream, String shardId, List<KinesisRecordIn> records, String owner) {
        PhaseTimer timer = new PhaseTimer();
        List<Decoded> decoded = timer.time(Phase.DECODE, () -> decode(records));
        List<Position> positions = decoded.stream().map(Decoded::position).toList();
        String key = stream.checkpointKey(shardId);
        Tally tally = new Tally();
        Checkpoint remembered = lastWritten.get(key);
        boolean fresh = remembered == null;
        Checkpoint checkpoint = fresh ? read(stream, shardId, timer) : remembered;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Step step = ExactlyOncePlanner.plan(checkpoint, positions, key);
            if (!fresh && !(step instanceof Step.Insert)) {
                // Only an insert may start from a remembered checkpoint: its claim is a compare-and-set against the store.
                checkpoint = read(stream, shardId, timer);
                fresh = true;
                continue;
            }
            if (step instanceof Step.Skip skip) {
                tally.duplicates = skip.duplicates();
                return tally.outcome(shardId, records, decoded.size(), attempt, timer);
            }
            if (step instanceof Step.Recover recover) {
                recover(stream, shardId, decoded, recover.pending(), tally, timer);
                commit(stream, shardId, checkpoint, owner, timer);
            } else if (step instanceof Step.Insert insert
                    && claimAndInsert(stream, shardId, decoded, checkpoint, insert, owner, tally, timer)) {
                return tally.outcome(shardId, records, decoded.size(), attempt, timer);
            }
            checkpoint = read(stream, shardId, timer);
            fresh = true;
        }
        throw new CheckpointContentionException("shard " + shardId + " of " + stream.streamArn()
                + ": the checkpoint kept moving under " + MAX_ATTEMPTS + " attempts; the batch will be retried");
    }

    /**
     * Claims the insert's range and, if the claim wins, inserts and commits it. The rows are mapped while the claim's
     * round trip is in flight: mapping has no effect outside this invocation, so a lost claim only wastes it.
     *
     * @return false if another invocation moved the checkpoint first
     */
    private boolean claimAndInsert(StreamIdentity stream, String shardId, List<Decoded> decoded, Checkpoint checkpoint,
                                   Step.Insert insert, String owner, Tally tally, PhaseTimer timer) {
        Checkpoint claimed = checkpoint.claim(insert.range());
        CompletableFuture<Boolean> claim = CompletableFuture.supplyAsync(
                () -> checkpoints.compareAndSet(stream, shardId, checkpoint, claimed, owner), claims);
        MappedRows rows = new MappedRows(decoded.subList(insert.from(), decoded.size()), mapper::map, stream.streamName(),
                shardId);
        timer.run(Phase.MAP, () -> rows.mapAheadWhile(() -> !claim.isDone()));
        if (!timer.time(Phase.CHECKPOINT, () -> Futures.joined(claim))) {
            return false;
        }
        tally.duplicates = insert.duplicates();
        write(shardId, rows, insert.range(), tally, timer);
        commit(stream, shardId, claimed, owner, timer);
        return true;
    }

    private Checkpoint read(StreamIdentity stream, String shardId, PhaseTimer timer) {
        return timer.time(Phase.CHECKPOINT, () -> checkpoints.read(stream, shardId));
    }

    private void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner, PhaseTimer timer) {
        timer.run(Phase.CHECKPOINT, () -> checkpoints.commit(stream, shardId, claimed, owner));
        lastWritten.put(stream.checkpointKey(shardId), claimed.commit());
    }

    private List<Decoded> decode(List<KinesisRecordIn> records) {
        List<Decoded> decoded = new ArrayList<>(records.size());
        for (KinesisRecordIn record : records) {
            decoded.addAll(decoder.decode(record));
        }
        decoded.sort(BY_POSITION); // a shard arrives in order; the planner relies on it, so it is made certain
        return decoded;
    }

    /** Re-inserts a pending claim, from this batch if it holds all of the claim's records, else from Kinesis. */
    private void recover(StreamIdentity stream, String shardId, List<Decoded> batch, PendingRange pending,
                         Tally tally, PhaseTimer timer) {
        List<Decoded> records = within(batch, pending);
        if (records.size() != pending.records()) {
            KinesisStreams.RangeRead read = streams.read(stream.streamArn(), shardId, pending.first(), pending.last());
            records = within(timer.time(Phase.DECODE, () -> decode(read.records())), pending);
            if (records.size() != pending.records()) {
                if (!read.startTrimmed()) {
                    throw new IllegalStateException("shard " + shardId + ": claimed range " + pending.first() + " to "
                            + pending.last() + " held " + pending.records() + " records but Kinesis returned "
                            + records.size());
                }
                // The claim's records aged out of the stream: whether its insert landed can no longer be repaired.
                tally.expired += pending.records();
                return;
            }
        }
        tally.recovered += pending.records();
        write(shardId, new MappedRows(records, mapper::map, stream.streamName(), shardId), pending, tally, timer);
    }

    private static List<Decoded> within(List<Decoded> records, PendingRange range) {
        return records.stream().filter(record -> range.contains(record.position())).toList();
    }

    /** Inserts {@code rows}, mapping those not mapped ahead while the insert streams them. */
    private void write(String shardId, MappedRows rows, PendingRange range, Tally tally, PhaseTimer timer) {
        long mappedBefore = rows.mappingNanos();
        long start = System.nanoTime();
        BatchWriter.Written written = writer.write(rows.streamName(), shardId, rows, range.token());
        long mappedDuring = rows.mappingNanos() - mappedBefore;
        timer.add(Phase.MAP, mappedDuring);
        timer.add(Phase.INSERT, System.nanoTime() - start - mappedDuring);
        tally.inserted += written.inserted();
        tally.failed += written.errorRows();
    }

    /** Counters of one batch. */
    private static final class Tally {
        long inserted;
        int failed;
        int duplicates;
        int recovered;
        int expired;

        BatchOutcome outcome(String shardId, List<KinesisRecordIn> records, int userRecords, int attempts,
                             PhaseTimer timer) {
            String firstSequence = records.isEmpty() ? "" : records.get(0).sequenceNumber();
            String lastSequence = records.isEmpty() ? "" : records.get(records.size() - 1).sequenceNumber();
            return new BatchOutcome(shardId, firstSequence, lastSequence, records.size(), userRecords, inserted, failed,
                    duplicates, recovered, expired, attempts, timer.millis());
        }
    }
}
