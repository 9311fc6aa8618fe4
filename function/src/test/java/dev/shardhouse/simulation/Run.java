package dev.shardhouse.simulation;

import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.handler.BatchOutcome;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.tracker.CheckpointScan;
import dev.shardhouse.tracker.ExpiredClaim;
import dev.shardhouse.tracker.ExpiredClaims;
import dev.shardhouse.tracker.RetirementPlan;
import dev.shardhouse.tracker.StreamListing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * One run's controller: offers the chooser every event possible now — a waiting call (plain or with a fault), a
 * delivery by a shard's mapping, a timeout, a redelivery, a table change, a record aging out, a tracker run — performs
 * the one chosen, and
 * checks the invariants after it. Faults stop once the budget is spent; from then on the run must complete.
 */
final class Run {

    private final World world;
    private final BiFunction<Integer, World, Simulation.Instance> instances;
    private final List<ShardMapping> mappings = new ArrayList<>();
    private final TreeSet<Integer> busy = new TreeSet<>();
    private int invocations;
    private int trackerRunsLeft;
    private boolean trackerRunning;
    private long trackerDue;
    /** Whether the tracker ran once more after everything else was over (see {@link #events}). */
    private boolean closingRunDone;

    Run(World world, BiFunction<Integer, World, Simulation.Instance> instances) {
        this.world = world;
        this.instances = instances;
        this.trackerRunsLeft = world.config.trackerRuns();
        world.stream.shards().forEach(shard -> mappings.add(new ShardMapping(shard,
                () -> world.stream.trimmed(shard.id()), world.config.batchSize(), world.config.bisect())));
    }

    RunResult play(Chooser chooser) {
        try {
            for (List<Simulation.Event> events = events(); !events.isEmpty(); events = events()) {
                if (world.trace.steps() >= world.config.maxSteps()) {
                    world.violation("stuck: " + world.config.maxSteps() + " steps and the run has not ended");
                    break;
                }
                Simulation.Event event = events.get(chooser.choose(events));
                world.tick();
                world.trace.step(event.name());
                if (event.fault()) {
                    world.spendFault();
                }
                event.action().run();
                world.scheduler.deaths().forEach(world::violation);
                Invariants.afterStep(world);
                if (!world.violations().isEmpty()) {
                    break;
                }
            }
            if (world.violations().isEmpty()) {
                Invariants.atEnd(world, mappings);
            }
        } catch (IllegalStateException hung) {
            world.violation(hung.getMessage());
        }
        return new RunResult(world.trace.steps(), world.violations(), world.trace.lines());
    }

    private List<Simulation.Event> events() {
        List<Simulation.Event> events = new ArrayList<>();
        boolean faults = !world.calm();
        for (Map.Entry<String, Scheduler.Parked> entry : world.scheduler.parked().entrySet()) {
            String actor = entry.getKey();
            String call = actor + " " + entry.getValue().label();
            events.add(new Simulation.Event(call, false, () -> world.scheduler.grant(actor, Fault.NONE)));
            if (faults) {
                for (Fault fault : entry.getValue().faults()) {
                    events.add(new Simulation.Event(call + " <- " + fault, true,
                            () -> world.scheduler.grant(actor, fault)));
                }
            }
        }
        for (ShardMapping mapping : mappings) {
            String shard = SimKeeper.shortId(mapping.shardId());
            if (!parentsFinished(mapping)) {
                continue;
            }
            if (mapping.idle()) {
                events.add(new Simulation.Event("mapping of " + shard + " invokes", false, () -> deliver(mapping)));
            }
            if (faults && mapping.running()) {
                events.add(new Simulation.Event("TIMEOUT of " + shard + "'s " + mapping.invocation(), true,
                        () -> timeout(mapping)));
            }
            if (faults && mapping.canRedeliver()) {
                events.add(new Simulation.Event("mapping of " + shard + " REDELIVERS its last batch", true,
                        () -> mapping.redeliver(false)));
                events.add(new Simulation.Event("mapping of " + shard + " REDELIVERS its last batch and one more", true,
                        () -> mapping.redeliver(true)));
            }
        }
        if (faults && world.config.tableChanges()) {
            SimClickHouse table = world.clickHouse;
            events.add(new Simulation.Event("ALTER TABLE: constraint " + (table.definition().checkConstraint()
                    ? "dropped" : "added"), true, table::toggleConstraint));
            events.add(new Simulation.Event("materialized view " + (table.view() ? "dropped" : "created"), true,
                    table::toggleView));
            if (!table.columnAdded()) {
                events.add(new Simulation.Event("ALTER TABLE: column w added", true, table::addColumn));
            }
        }
        if (faults && world.config.trims()) {
            for (SimStream.Shard shard : world.stream.shards()) {
                if (world.stream.trimmed(shard.id()) < shard.records().size()) {
                    events.add(new Simulation.Event("the oldest record of " + SimKeeper.shortId(shard.id())
                            + " AGES OUT of the stream", true, () -> world.stream.trimOldest(shard.id())));
                }
            }
        }
        if (trackerRunsLeft > 0 && !trackerRunning && world.second() >= trackerDue) {
            events.add(new Simulation.Event("tracker run starts", false, this::startTracker));
        }
        if (events.isEmpty() && world.config.trackerRuns() > 0 && !closingRunDone) {
            // The tracker's schedule outlasts the run: some later run of it finds the world quiet and working.
            events.add(new Simulation.Event("tracker run starts, everything else over", false, this::startClosingRun));
        }
        return events;
    }

    /** The mapping reads a child shard only once its parent is read to its end. */
    private boolean parentsFinished(ShardMapping mapping) {
        String parent = world.stream.shard(mapping.shardId()).parent();
        return parent.isEmpty() || mappings.stream().filter(m -> m.shardId().equals(parent)).allMatch(ShardMapping::finished);
    }

    private void deliver(ShardMapping mapping) {
        String name = "inv" + (++invocations);
        ShardMapping.Batch batch = mapping.deliver(name);
        int index = 0;
        while (busy.contains(index)) {
            index++;
        }
        busy.add(index);
        int instance = index;
        Simulation.Instance function = instances.apply(instance, world);
        world.trace.note(name + " on instance " + instance + ": " + SimKeeper.shortId(mapping.shardId()) + " records "
                + batch + " " + mapping.records(batch).stream().map(r -> r.sequenceNumber()).toList());
        world.scheduler.start(name, () -> invoke(name, mapping, batch, instance, function));
    }

    /** The body of an invocation's thread: the real processor, then what the mapping makes of its result. */
    private void invoke(String name, ShardMapping mapping, ShardMapping.Batch batch, int instance,
                        Simulation.Instance function) {
        RuntimeException failure = null;
        String result;
        try {
            function.edges().pin(world.clickHouse.current());
            BatchOutcome outcome = function.processor().process(world.stream.identity(), mapping.shardId(),
                    mapping.records(batch), name);
            result = "succeeded: inserted " + outcome.inserted() + ", failed " + outcome.failed() + ", duplicates "
                    + outcome.duplicates() + ", recovered " + outcome.recovered() + ", expired " + outcome.expired();
        } catch (RuntimeException e) {
            failure = e;
            result = "FAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        busy.remove(instance);
        world.trace.note(name + " " + result);
        if (!mapping.current(name)) {
            world.trace.note(name + " had timed out: the mapping ignores its result");
        } else if (failure == null) {
            mapping.succeeded();
        } else {
            mapping.failed();
            // ReplayMismatchException is package-private to the handler: recognised by name, not by type
            if (world.calm() && failure.getClass().getSimpleName().equals("ReplayMismatchException")) {
                undoTableChange(mapping.shardId());
            }
        }
    }

    /**
     * What the error of a refused replay that cannot be proven unstored asks the operator for (ReplayMismatchException):
     * a table that accepts the claim's rows, until the batch has passed — here, the constraint dropped. Without it such
     * a shard stays stuck by design, so "no shard stuck when the world stops failing" includes the operator doing what
     * the error says.
     */
    private void undoTableChange(String shardId) {
        TableVersion now = world.clickHouse.definition();
        if (world.keeper.row(shardId).flatMap(Checkpoint::pending).isPresent() && now.checkConstraint()) {
            world.clickHouse.restore(now.toggledConstraint());
            world.trace.note("operator drops the constraint so that shard " + shardId + "'s claim passes, as the error"
                    + " asks");
        }
    }

    /**
     * Lambda ends a timed-out invocation's process; a request it had sent may still reach the service afterwards. The
     * mapping counts the batch as failed and retries it at once, on another instance.
     */
    private void timeout(ShardMapping mapping) {
        world.scheduler.kill(mapping.invocation());
        world.trace.note(mapping.invocation() + " is killed: only the call it is making may still land");
        mapping.failed();
    }

    /** The tracker's Kinesis read of a claim's range, as {@code KinesisStreams.read}: a call that may fail. */
    private KinesisStreams.RangeRead trackerRead(String streamArn, String shardId, Position first, Position last) {
        String call = "tracker.kinesis.read " + SimKeeper.shortId(shardId) + " " + first.sequence() + ".."
                + last.sequence();
        world.failBefore(call, world.gate(call, Fault.FAIL));
        return world.stream.read(shardId, first, last);
    }

    private void startTracker() {
        trackerRunsLeft--;
        trackerDue = world.second() + world.config.trackerEvery();
        runTracker("tracker" + (world.config.trackerRuns() - trackerRunsLeft));
    }

    private void startClosingRun() {
        closingRunDone = true;
        world.stopFailing();
        runTracker("tracker-closing");
    }

    private void runTracker(String name) {
        trackerRunning = true;
        world.scheduler.start(name, () -> {
            try {
                // As Tracker.run: checkpoints read before the listing, spent commit records forgotten first, the plan
                // decided by the real RetirementPlan.
                Instant now = Instant.ofEpochSecond(1_700_000_000L + world.second());
                CheckpointScan scan = world.keeper.ofStream(SimStream.ARN);
                int retired;
                try {
                    world.keeper.forget(scan.spentCommits());
                } finally {
                    retired = world.keeper.retire(RetirementPlan.decide(world.stream.listing(), scan.rows()),
                            now);
                }
                world.trace.note(name + " retired " + retired);
                // Every pending claim is a candidate, however recently it moved: the stillness Tracker asks for only
                // saves Kinesis reads, while what makes a commit safe is the read and the compare-and-set.
                StreamListing listing = world.stream.listing();
                List<ExpiredClaim> expired = new ExpiredClaims(world.keeper, this::trackerRead, (stream, shardId, claim,
                        records) -> {
                    world.expired(records);
                    world.trace.note(name + " reports " + records + " records of " + world.trace.token(claim.token())
                            + " expired");
                }).commit(listing, ExpiredClaims.candidates(listing, scan.rows(), now, Duration.ZERO));
                world.trace.note(name + " committed expired claims " + expired);
            } catch (RuntimeException e) {
                world.trace.note(name + " FAILED: " + e.getMessage());
            } finally {
                trackerRunning = false;
            }
        });
    }
}
