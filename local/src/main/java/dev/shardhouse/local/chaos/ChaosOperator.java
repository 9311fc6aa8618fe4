package dev.shardhouse.local.chaos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The person a held shard waits for. When a pending claim was attempted under one definition of the table and its
 * replay is refused under another, the function cannot tell whether the first attempt stored it, so it refuses to
 * re-route the rows (which could store them twice) and holds the shard, its error asking that the table accept the
 * rows until the batch has passed. Without anyone to do that, the run deletes the stream at the end of the phase and
 * counts the shard's records as lost (RELIABILITY.md, the run at 964b119). The operator watches the changed pipeline's
 * function log for that refusal ({@link HeldShards}) and, once a shard is held, does what the error asks, once: drops
 * the CHECK constraint, as the deterministic simulation's operator does ({@code Run.undoTableChange}). It does not put
 * the constraint back: the rest of the run is checked against a table without it ({@link ConstraintHistory}).
 */
final class ChaosOperator {

    /** A shard's refusals before the operator acts: one line alone could be a claim another attempt settles. */
    static final int REFUSALS_BEFORE_ACTING = 3;

    /** The changed table, as far as the operator touches it. */
    interface ConstrainedTable {
        String table();

        /** Whether the CHECK constraint is on the table now. */
        boolean constrained();

        void dropConstraint() throws InterruptedException;
    }

    private final HeldShards heldShards;
    private final ConstrainedTable table;
    private final Clock clock;
    private final Instant started;
    private final Consumer<String> log;
    private final List<OperatorAction> actions = new CopyOnWriteArrayList<>();

    ChaosOperator(HeldShards heldShards, ConstrainedTable table, Clock clock, Consumer<String> log) {
        this.heldShards = heldShards;
        this.table = table;
        this.clock = clock;
        this.started = clock.instant();
        this.log = log;
    }

    /** A line of the function's output (called on the function's threads, so it only takes note). */
    void read(String line) {
        heldShards.accept(line);
    }

    /**
     * Acts if a shard is held and the constraint is still there; called from the run's loop, never from the function's
     * threads, since the change is retried for as long as ClickHouse may be down.
     */
    void act() throws InterruptedException {
        Optional<HeldShards.Held> held = heldShards.held();
        if (held.isEmpty() || !actions.isEmpty() || !table.constrained()) {
            return;
        }
        Instant at = clock.instant();
        table.dropConstraint();
        OperatorAction action = new OperatorAction(table.table(), at, Duration.between(started, at),
                held.get().shard(), held.get().refusals());
        actions.add(action);
        log.accept(action.describe());
    }

    List<OperatorAction> actions() {
        return List.copyOf(actions);
    }
}
