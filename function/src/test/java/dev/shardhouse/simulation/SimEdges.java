package dev.shardhouse.simulation;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.handler.ExpiredRecords;
import dev.shardhouse.insert.ClaimWriter;
import dev.shardhouse.insert.ErrorRow;
import dev.shardhouse.insert.RefusedRowFinder;
import dev.shardhouse.insert.TargetInsert;
import dev.shardhouse.insert.TargetRow;
import dev.shardhouse.map.Mapping;
import dev.shardhouse.map.RowLayout;
import dev.shardhouse.map.TableDefinition;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.source.ShardRangeReader;
import java.util.List;
import java.util.Map;

/**
 * What one function instance is built with: every edge of {@code ShardBatchProcessor}, forwarding to the world of the
 * current run. Instances are reused across runs (each run's stream has its own creation time, so an instance is cold
 * for it), which spares a thread pool per instance per run.
 *
 * <p>The table definition is the one exception to "every call is a step": the processor reads it on a thread of its
 * own while the batch is decoded and its checkpoint read, so it cannot be gated without racing that thread. It is taken
 * when the invocation starts ({@link #pin}); the table may still change between that and any later step, which is the
 * window that matters (a definition older than the claim's insert).
 */
final class SimEdges implements TableDefinition, CheckpointStore, ClaimWriter, RefusedRowFinder, ShardRangeReader,
        ExpiredRecords {

    private volatile World world;
    private volatile Mapping pinned;

    void bind(World world) {
        this.world = world;
    }

    void pin(Mapping mapping) {
        pinned = mapping;
    }

    @Override
    public Mapping current() {
        return pinned;
    }

    @Override
    public String key(StreamIdentity stream, String shardId) {
        return world.keeper.key(stream, shardId);
    }

    @Override
    public Checkpoint read(StreamIdentity stream, String shardId) {
        return world.keeper.read(stream, shardId);
    }

    @Override
    public String commitKey(String checkpointKey, String token) {
        return world.keeper.commitKey(checkpointKey, token);
    }

    @Override
    public void forget(List<String> commitKeys) {
        world.keeper.forget(commitKeys);
    }

    @Override
    public boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next,
                                 String owner) {
        return world.keeper.compareAndSet(stream, shardId, expected, next, owner);
    }

    @Override
    public void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner) {
        world.keeper.commit(stream, shardId, claimed, owner);
    }

    @Override
    public TargetInsert insertTarget(RowLayout layout, List<TargetRow> rows, String token) {
        return world.clickHouse.insertTarget(layout, rows, token);
    }

    @Override
    public void insertErrors(String stream, String shardId, List<ErrorRow> errors, String token) {
        world.clickHouse.insertErrors(stream, shardId, errors, token);
    }

    @Override
    public Map<Integer, String> find(RowLayout layout, List<TargetRow> rows) {
        return world.clickHouse.find(layout, rows);
    }

    @Override
    public KinesisStreams.RangeRead read(String streamArn, String shardId, Position first, Position last) {
        String call = "kinesis.read " + SimKeeper.shortId(shardId) + " " + first.sequence() + ".." + last.sequence();
        world.failBefore(call, world.gate(call, Fault.FAIL));
        return world.stream.read(shardId, first, last);
    }

    /** Not a call to a service: the function prints it, so it is no step; the checks count it. */
    @Override
    public void found(StreamIdentity stream, String shardId, PendingRange claim, int records) {
        world.expired(records);
        world.trace.note("expired " + records + " records of " + world.trace.token(claim.token()) + " reported");
    }
}
