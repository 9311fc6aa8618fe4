package dev.shardhouse.local.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * Something the harness's operator did to the pipeline's table because the function asked for it (see
 * {@link ChaosOperator}), printed with the figures: a run that needed one did not get through on its own.
 *
 * @param table     the table changed
 * @param at        when the change was sent (it took effect then or a little later)
 * @param intoRun   how far into the run that was
 * @param shard     the held shard that asked for it
 * @param refusals  that shard's batches refused by then
 */
record OperatorAction(String table, Instant at, Duration intoRun, String shard, int refusals) {

    String describe() {
        return String.format("operator: constraint %s dropped on %s at %s (%.1f s into the run) after shard %s held %d"
                        + " batches", ChaosTables.CONSTRAINT, table, at, intoRun.toMillis() / 1000.0, shard, refusals);
    }
}
