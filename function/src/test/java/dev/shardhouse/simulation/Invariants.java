package dev.shardhouse.simulation;

import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import java.util.List;

/**
 * The promises checked on a run. After every step: no record is stored twice (checked as rows are stored, in
 * {@link SimClickHouse}), no checkpoint moves backwards or reuses a revision (checked as it is written, in
 * {@link SimKeeper}), and every record a checkpoint covers is stored, or aged out of the stream. At the end, once
 * nothing fails any more: every mapping has delivered its shard, no checkpoint holds a claim pending once the tracker
 * (where there is one) has run on the quiet world, and every record is stored exactly once, in the table
 * its committing claim routed it to — except one that aged out before it was stored, which is in neither table and,
 * if a committed claim covered it, was reported expired (never lost without a word).
 */
final class Invariants {

    private Invariants() {
    }

    static void afterStep(World world) {
        for (SimStream.Shard shard : world.stream.shards()) {
            world.keeper.committed(shard.id()).ifPresent(committed -> {
                for (SimRecord record : shard.records()) {
                    if (!record.position().isAfter(committed) && copies(world, record.position()) == 0
                            && !world.stream.isTrimmed(record)) {
                        world.violation("record " + record + " is covered by the checkpoint (committed " + committed
                                + ") but stored nowhere");
                        return;
                    }
                }
            });
        }
    }

    static void atEnd(World world, List<ShardMapping> mappings) {
        mappings.stream().filter(mapping -> !mapping.finished()).forEach(mapping ->
                world.violation("stuck: the mapping of " + SimKeeper.shortId(mapping.shardId())
                        + " has not delivered its shard when nothing fails any more"));
        if (world.config.trackerRuns() > 0) {
            // A claim left pending is never retired: a keeper row, and an uncommitted checkpoint, for good.
            for (SimStream.Shard shard : world.stream.shards()) {
                world.keeper.row(shard.id()).flatMap(Checkpoint::pending).ifPresent(claim ->
                        world.violation("stuck: the checkpoint of " + SimKeeper.shortId(shard.id()) + " holds claim "
                                + world.trace.token(claim.token()) + " pending after the tracker's last run"));
            }
        }
        int lostWithAClaim = 0;
        for (SimStream.Shard shard : world.stream.shards()) {
            List<SimRecord> records = shard.records();
            for (SimRecord record : records) {
                int copies = copies(world, record.position());
                if (copies == 0 && world.stream.isTrimmed(record)) {
                    lostWithAClaim += world.committedBy.containsKey(record.position()) ? 1 : 0;
                    continue;
                }
                if (copies != 1) {
                    world.violation("record " + record + " is stored " + copies + " times ("
                            + world.clickHouse.targetCopies(record.position()) + " target, "
                            + world.clickHouse.errorCopies(record.position()) + " error)");
                    continue;
                }
                PendingRange claim = world.committedBy.get(record.position());
                if (claim == null) {
                    world.violation("record " + record + " is stored but no claim of it was committed");
                    continue;
                }
                int ordinal = (int) records.stream().filter(r -> claim.contains(r.position())
                        && r.position().compareTo(record.position()) < 0).count();
                boolean inErrors = world.clickHouse.errorCopies(record.position()) == 1;
                if (claim.routing().toErrors(ordinal) != inErrors) {
                    world.violation("record " + record + " is in the " + (inErrors ? "error" : "target")
                            + " table, but claim " + world.trace.token(claim.token()) + " routed it to the other");
                }
            }
        }
        if (lostWithAClaim > world.expiredReported()) {
            world.violation(lostWithAClaim + " records of committed claims aged out unstored, but only "
                    + world.expiredReported() + " were reported expired");
        }
    }

    private static int copies(World world, Position position) {
        return world.clickHouse.targetCopies(position) + world.clickHouse.errorCopies(position);
    }
}
