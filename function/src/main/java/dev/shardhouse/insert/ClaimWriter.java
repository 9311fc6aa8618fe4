package dev.shardhouse.insert;

import dev.shardhouse.map.RowLayout;
import java.util.List;

/**
 * Where a claim's rows are written: {@link BatchWriter} against ClickHouse, or a simulated table in the deterministic
 * simulation (issue 18), so that the exactly-once protocol runs unchanged against either.
 */
public interface ClaimWriter {

    /**
     * Inserts {@code rows} (at least one), laid out as {@code layout} says, into the target table under {@code token}.
     *
     * @throws RuntimeException when the outcome is uncertain: the rows may or may not have gone in
     */
    TargetInsert insertTarget(RowLayout layout, List<TargetRow> rows, String token);

    /**
     * Begins {@link #insertTarget} for a claim not yet won. By default nothing is sent before {@link PendingInsert#finish}
     * (the simulation's writer keeps it so, every step on the invocation's thread).
     */
    default PendingInsert beginTarget(RowLayout layout, List<TargetRow> rows, String token) {
        return new PendingInsert() {
            @Override
            public TargetInsert finish() {
                return insertTarget(layout, rows, token);
            }

            @Override
            public void abandon() {
                // nothing was sent
            }
        };
    }

    /** Inserts the claim's error rows, under the claim's token like its target rows. */
    void insertErrors(String stream, String shardId, List<ErrorRow> errors, String token);
}
