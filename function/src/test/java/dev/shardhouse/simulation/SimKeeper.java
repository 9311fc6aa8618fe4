package dev.shardhouse.simulation;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.tracker.CheckpointRow;
import dev.shardhouse.tracker.CheckpointRows;
import dev.shardhouse.tracker.CheckpointScan;
import dev.shardhouse.tracker.Retirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The KeeperMap checkpoint table and its archive, as {@code KeeperMapCheckpointStore} and the tracker's
 * {@code Checkpoints} use them: a first write is a strict INSERT that loses if the key exists; later writes update
 * only the revision read; a commit creates the claim's commit record, once, and a pending claim a record names reads
 * as committed; the tracker deletes spent commit records, archives a (key, revision) once, as read, then deletes that
 * revision. Every call is a step, and every write may fail before it happens or lose its response after.
 */
final class SimKeeper implements CheckpointStore, CheckpointRows {

    static final String PIPELINE = CheckpointTables.pipeline("simulated", "events");

    private record Row(StreamIdentity stream, String shardId, Checkpoint checkpoint, long second) {
    }

    private record Archived(String key, Checkpoint checkpoint) {
    }

    private final World world;
    private final Map<String, Row> rows = new TreeMap<>();
    private final List<Archived> archive = new ArrayList<>();
    /** Commit records by their own key. */
    private final Map<String, Commit> commits = new TreeMap<>();

    private record Commit(String checkpointKey, String token, long second) {
    }

    SimKeeper(World world) {
        this.world = world;
    }

    @Override
    public String key(StreamIdentity stream, String shardId) {
        return CheckpointTables.keyPrefix(PIPELINE) + stream.checkpointKey(shardId);
    }

    @Override
    public Checkpoint read(StreamIdentity stream, String shardId) {
        String call = "keeper.read " + shortId(shardId);
        world.failBefore(call, world.gate(call, Fault.FAIL));
        Checkpoint checkpoint = stored(key(stream, shardId));
        world.trace.note(call + " -> " + describe(checkpoint));
        return checkpoint;
    }

    @Override
    public boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next,
                                 String owner) {
        String call = "keeper.cas " + shortId(shardId) + " " + describe(expected) + " => " + describe(next);
        Fault fault = world.gate(call, Fault.FAIL, Fault.LOST_RESPONSE);
        world.failBefore(call, fault);
        String key = key(stream, shardId);
        Row row = rows.get(key);
        boolean won = expected.stored() ? row != null && row.checkpoint().revision() == expected.revision() : row == null;
        // As KeeperMapCheckpointStore: a release, or the tracker committing an expired claim, loses to its commit record.
        won &= !(expected.endedBy(next) && committing(key, expected).isPresent());
        if (won) {
            write(key, stream, shardId, next, owner);
            if (expected.endedBy(next) && next.lastClaim().isPresent()) {
                // The tracker committed, in the row, a claim whose records all aged out.
                world.committed(shardId, expected.pending().orElseThrow());
            }
        }
        world.trace.note(call + " -> " + (won ? "won" : "lost"));
        world.loseResponse(call, fault);
        return won;
    }

    @Override
    public void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner) {
        String call = "keeper.commit " + shortId(shardId) + " " + describe(claimed);
        Fault fault = world.gate(call, Fault.FAIL, Fault.LOST_RESPONSE);
        world.failBefore(call, fault);
        String key = key(stream, shardId);
        String token = claimed.pending().orElseThrow().token();
        boolean before = marks(key, rows.get(key));
        boolean created = commits.putIfAbsent(CheckpointTables.commitKey(key, token),
                new Commit(key, token, world.second())) == null;
        boolean now = marks(key, rows.get(key));
        if (now && !before) {
            world.committed(shardId, claimed.pending().orElseThrow());
        }
        world.trace.note(call + " -> " + (created ? "record " : "record there already ") + world.trace.token(token)
                + (now ? (before ? "" : ", committed") : ": not the stored claim, nothing"));
        world.loseResponse(call, fault);
    }

    @Override
    public CheckpointScan ofStream(String streamArn) {
        String call = "tracker.readCheckpoints";
        world.failBefore(call, world.gate(call, Fault.FAIL));
        List<CheckpointRow> read = rows.entrySet().stream()
                .filter(entry -> entry.getValue().stream().streamArn().equals(streamArn))
                .map(entry -> toRow(entry.getKey(), entry.getValue()))
                .toList();
        // As Checkpoints.ofStream: a record is spent unless it names the pending claim of a row that exists.
        List<String> spent = commits.entrySet().stream().filter(entry -> {
            Row row = rows.get(entry.getValue().checkpointKey());
            return row == null || !committing(entry.getValue().checkpointKey(), row.checkpoint())
                    .equals(Optional.of(entry.getValue()));
        }).map(Map.Entry::getKey).toList();
        world.trace.note(call + " -> " + read.stream().map(row -> shortId(row.shardId()) + "@" + row.revision()
                + (row.afterProcessing() ? "" : "(pending)")).toList() + ", spent commits " + spent.size());
        return new CheckpointScan(read, spent);
    }

    @Override
    public String commitKey(String checkpointKey, String token) {
        return CheckpointTables.commitKey(checkpointKey, token);
    }

    /**
     * The delete of {@code CheckpointTables.deleteCommits}, one step, by the tracker or an ingest instance: removes
     * the commit records of those keys.
     */
    @Override
    public void forget(List<String> spentCommits) {
        if (spentCommits.isEmpty()) {
            return;
        }
        String call = "keeper.forget " + spentCommits.size() + " commit records";
        Fault fault = world.gate(call, Fault.FAIL, Fault.LOST_RESPONSE);
        world.failBefore(call, fault);
        spentCommits.forEach(commits::remove);
        world.trace.note(call + " -> deleted");
        world.loseResponse(call, fault);
    }

    /** The two statements of {@code Checkpoints.retire} per row, each a step: archive that revision once, delete it. */
    @Override
    public int retire(List<Retirement> retirements, Instant archivedAt) {
        int gone = 0;
        for (Retirement retirement : retirements) {
            CheckpointRow read = retirement.row();
            String archiveCall = "tracker.archive " + shortId(read.shardId()) + "@" + read.revision();
            Fault fault = world.gate(archiveCall, Fault.FAIL, Fault.LOST_RESPONSE);
            world.failBefore(archiveCall, fault);
            Row row = rows.get(read.key());
            boolean archived = row != null && row.checkpoint().revision() == read.revision()
                    && archive.stream().noneMatch(a -> a.key().equals(read.key())
                            && a.checkpoint().revision() == read.revision());
            if (archived) {
                // As the archive's insert: committed if a commit record names the claim now, whatever the scan saw.
                archive.add(new Archived(read.key(), read(read.key(), row.checkpoint())));
            }
            world.trace.note(archiveCall + " -> " + (archived ? "archived" : "nothing"));
            world.loseResponse(archiveCall, fault);

            String deleteCall = "tracker.delete " + shortId(read.shardId()) + "@" + read.revision();
            fault = world.gate(deleteCall, Fault.FAIL, Fault.LOST_RESPONSE);
            world.failBefore(deleteCall, fault);
            Row now = rows.get(read.key());
            boolean deleted = now != null && now.checkpoint().revision() == read.revision();
            if (deleted) {
                rows.remove(read.key());
            }
            world.trace.note(deleteCall + " -> " + (deleted ? "deleted" : "nothing"));
            world.loseResponse(deleteCall, fault);
            if (!rows.containsKey(read.key())) {
                gone++;
            }
        }
        return gone;
    }

    /** The position up to which the shard is committed, in its row or, once retired, in its archive. */
    Optional<Position> committed(String shardId) {
        return stored(key(world.stream.identity(), shardId)).committed();
    }

    /** The shard's checkpoint as readers take it, if it has a row: what an operator reads to undo a table change. */
    Optional<Checkpoint> row(String shardId) {
        String key = key(world.stream.identity(), shardId);
        return Optional.ofNullable(rows.get(key)).map(row -> read(key, row.checkpoint()));
    }

    /** True if the row holds a claim pending that a commit record names. */
    private boolean marks(String key, Row row) {
        return row != null && committing(key, row.checkpoint()).isPresent();
    }

    /** The commit record of the claim {@code checkpoint}, stored under {@code key}, holds pending, if there is one. */
    private Optional<Commit> committing(String key, Checkpoint checkpoint) {
        return checkpoint.pending().flatMap(claim -> commit(key, claim.token()));
    }

    /** {@code checkpoint}, stored under {@code key}, as readers take it: committed if a commit record names its claim. */
    private Checkpoint read(String key, Checkpoint checkpoint) {
        return committing(key, checkpoint).isPresent() ? checkpoint.markedCommitted() : checkpoint;
    }

    /** The commit record of the claim of {@code token} on the checkpoint of {@code key}, if it was created. */
    private Optional<Commit> commit(String key, String token) {
        return Optional.ofNullable(commits.get(CheckpointTables.commitKey(key, token)));
    }

    private Checkpoint stored(String key) {
        Row row = rows.get(key);
        if (row != null) {
            return read(key, row.checkpoint());
        }
        List<Checkpoint> archived = archive.stream().filter(a -> a.key().equals(key)).map(Archived::checkpoint).toList();
        return Checkpoint.absent(archived.stream().flatMap(c -> c.committed().stream()).max(Comparator.naturalOrder()),
                archived.stream().mapToLong(Checkpoint::revision).max().orElse(0));
    }

    /** Writes a checkpoint, checking that no writer moves it backwards or reuses a revision the key had. */
    private void write(String key, StreamIdentity stream, String shardId, Checkpoint next, String owner) {
        Checkpoint previous = stored(key);
        Checkpoint after = read(key, next);
        previous.committed().ifPresent(before -> {
            if (after.committed().isEmpty() || after.committed().get().compareTo(before) < 0) {
                world.violation("checkpoint of " + shortId(shardId) + " moved backwards from " + before + " to "
                        + after.committed().map(Position::toString).orElse("nothing") + " by " + owner);
            }
        });
        if (next.revision() <= previous.revision()) {
            world.violation("checkpoint of " + shortId(shardId) + " written at revision " + next.revision()
                    + ", not above " + previous.revision() + " which the key already had, by " + owner);
        }
        rows.put(key, new Row(stream, shardId, next, world.second()));
    }

    private CheckpointRow toRow(String key, Row row) {
        Checkpoint checkpoint = read(key, row.checkpoint());
        Optional<Commit> commit = committing(key, row.checkpoint());
        return new CheckpointRow(key, row.stream(), row.shardId(), checkpoint.phase().name(), checkpoint.revision(),
                checkpoint.committed().map(Position::sequenceNumber).orElse(""),
                Instant.ofEpochSecond(1_700_000_000L + commit.map(Commit::second).orElse(row.second())),
                commit.isPresent());
    }

    private String describe(Checkpoint checkpoint) {
        String committed = checkpoint.committed().map(p -> p.sequence().toString()).orElse("-");
        return "rev " + checkpoint.revision() + (checkpoint.stored() ? "" : " absent") + " committed " + committed
                + checkpoint.pending().map(p -> " pending " + p.first().sequence() + ".." + p.last().sequence() + " "
                        + world.trace.token(p.token()) + " errors" + p.routing().errors().keySet()).orElse("");
    }

    static String shortId(String shardId) {
        return "shard" + shardId.charAt(shardId.length() - 1);
    }
}
