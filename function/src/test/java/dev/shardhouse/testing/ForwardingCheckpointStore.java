package dev.shardhouse.testing;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Checkpoint;
import java.util.List;

/** A checkpoint store that passes every call to the real one: decorators override what they disturb. */
public abstract class ForwardingCheckpointStore implements CheckpointStore {

    protected final CheckpointStore real;

    protected ForwardingCheckpointStore(CheckpointStore real) {
        this.real = real;
    }

    @Override
    public String key(StreamIdentity stream, String shardId) {
        return real.key(stream, shardId);
    }

    @Override
    public Checkpoint read(StreamIdentity stream, String shardId) {
        return real.read(stream, shardId);
    }

    @Override
    public boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next,
                                 String owner) {
        return real.compareAndSet(stream, shardId, expected, next, owner);
    }

    @Override
    public void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner) {
        real.commit(stream, shardId, claimed, owner);
    }

    @Override
    public String commitKey(String checkpointKey, String token) {
        return real.commitKey(checkpointKey, token);
    }

    @Override
    public void forget(List<String> commitKeys) {
        real.forget(commitKeys);
    }
}
