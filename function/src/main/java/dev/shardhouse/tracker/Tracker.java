package dev.shardhouse.tracker;

import static dev.shardhouse.concurrent.Futures.daemonThreads;

import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.concurrent.Futures;
import dev.shardhouse.handler.ExpiredRecords;
import dev.shardhouse.source.KinesisStreams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * One run of the resharding tracker: read the stream, record what changed, retire finished checkpoints, commit claims
 * whose records all aged out, look for stalls.
 */
public final class Tracker {

    private static final int PROBES_AT_ONCE = 8;
    private static final ExecutorService PROBES = Executors.newFixedThreadPool(PROBES_AT_ONCE,
            daemonThreads("stall-probe"));

    private final StreamReader streams;
    private final CheckpointRows checkpoints;
    private final LineageStore lineage;
    private final ReshardEventStore events;
    private final ExpiredClaims expiredClaims;
    private final StallProbe probe;
    private final Duration stallAfter;
    private final Clock clock;

    Tracker(StreamReader streams, CheckpointRows checkpoints, LineageStore lineage, ReshardEventStore events,
            ExpiredClaims expiredClaims, StallProbe probe, Duration stallAfter, Clock clock) {
        this.streams = streams;
        this.checkpoints = checkpoints;
        this.lineage = lineage;
        this.events = events;
        this.expiredClaims = expiredClaims;
        this.probe = probe;
        this.stallAfter = stallAfter;
        this.clock = clock;
    }

    public static Tracker create(TrackerConfig config, KinesisClient kinesis, ClickHouseSql sql, Clock clock) {
        String db = config.clickHouse().database();
        String pipeline = CheckpointTables.pipeline(db, config.targetTable());
        return new Tracker(
                new StreamReader(kinesis, config.streamArn()),
                new Checkpoints(sql, db, config.checkpointTable(), config.archiveTable(), pipeline),
                new LineageStore(sql, db, config.lineageTable()),
                new ReshardEventStore(sql, db, config.eventsTable()),
                new ExpiredClaims(new KeeperMapCheckpointStore(sql, db, config.checkpointTable(),
                        config.archiveTable(), pipeline), new KinesisStreams(kinesis),
                        ExpiredRecords.logged(config.metricsNamespace())),
                new StallProbe(kinesis, config.streamArn()),
                config.stallAfter(),
                clock);
    }

    public TrackerReport run() {
        Instant now = clock.instant();
        StreamSummary summary = streams.describe();
        if (!summary.listable()) {
            return TrackerReport.notListable(summary, millisSince(now));
        }
        StreamIdentity stream = summary.stream();
        // Checkpoints are read before the shards are listed: RetirementPlan relies on it.
        CheckpointScan scan = checkpoints.ofStream(stream.streamArn());
        List<CheckpointRow> rows = scan.rows();
        StreamListing listing = streams.list(stream);
        long listMillis = millisSince(now);

        Set<Long> incarnations = rows.stream().map(row -> row.stream().createdMillis()).collect(Collectors.toSet());
        LineageChanges changes = LineageDiff.between(lineage.read(stream.streamArn()), listing, incarnations, now);
        // Events before lineage: should the lineage write fail, the next run finds the same changes again and their
        // events are deduplicated; the other way round they would be lost.
        events.append(stream, changes.events(), now);
        lineage.write(changes.rows(), now);

        int retired;
        try {
            // Spent commit records first, and retirements whatever happens to them: neither may hold up the other.
            checkpoints.forget(scan.spentCommits());
        } finally {
            retired = checkpoints.retire(RetirementPlan.decide(listing, rows), now);
        }
        Stalls stalls = findStalls(StallRule.candidates(listing, rows, now, stallAfter), now);

        // After retirement, which leaves pending rows alone (a row committed here is retired by the next run), and
        // after the stall probes, whose alarm must not wait on these reads.
        List<ExpiredClaim> expired = expiredClaims.commit(listing,
                ExpiredClaims.candidates(listing, rows, now, stallAfter));

        return new TrackerReport(
                stream.streamName(), stream.streamArn(), stream.createdMillis(), summary.status(), summary.mode(),
                summary.retentionHours(), listing.openShards(), listing.closedShards(), changes.rows().size(),
                changes.events().stream().map(ReshardEvent::key).toList(),
                retired, expired, stalls.stalled(), stalls.unprobed(), listMillis, millisSince(now));
    }

    private record Stalls(List<String> stalled, List<String> unprobed) {
    }

    /**
     * Probes the candidates {@link #PROBES_AT_ONCE} at a time: each probe is two Kinesis round trips, and one after
     * another they took 9.4 s of a run at 1,000 quiet shards ({@code bin/bench --tracker}), a sixth of the tracker's
     * one-minute timeout. Kinesis limits these reads per shard, and each probe reads its own shard.
     */
    private Stalls findStalls(List<StallCandidate> candidates, Instant now) {
        List<CompletableFuture<Optional<Boolean>>> probes = candidates.stream()
                .map(candidate -> CompletableFuture.supplyAsync(() -> stalled(candidate, now), PROBES)).toList();
        List<String> stalled = new ArrayList<>();
        List<String> unprobed = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Optional<Boolean> found = Futures.joined(probes.get(i));
            String shardId = candidates.get(i).shardId();
            if (found.isEmpty()) {
                unprobed.add(shardId);
            } else if (found.get()) {
                stalled.add(shardId);
            }
        }
        return new Stalls(stalled, unprobed);
    }

    /** Whether the candidate is stalled; empty if Kinesis refused the read (throttled, for example). */
    private Optional<Boolean> stalled(StallCandidate candidate, Instant now) {
        try {
            return Optional.of(StallRule.stalled(probe.waitingBeyond(candidate), now, stallAfter));
        } catch (KinesisException e) {
            // A throttled read leaves this shard unknown for one run; it is reported, and the run's real work
            // (lineage, events, retirements) is already done.
            return Optional.empty();
        }
    }

    private long millisSince(Instant start) {
        return Duration.between(start, clock.instant()).toMillis();
    }
}
