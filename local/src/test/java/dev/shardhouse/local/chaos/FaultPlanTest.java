package dev.shardhouse.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void spreadsEachKindEvenlyOverItsWindowInTheOrderTheyFallDue() {
        FaultPlan plan = FaultPlan.of(Map.of(FaultKind.CLICKHOUSE_KILL, 2, FaultKind.ZOOKEEPER_RESTART, 1,
                FaultKind.KILL_BEFORE_COMMIT, 4, FaultKind.RESHARD, 1));

        assertEquals(List.of(FaultKind.KILL_BEFORE_COMMIT, FaultKind.CLICKHOUSE_KILL, FaultKind.KILL_BEFORE_COMMIT,
                FaultKind.RESHARD, FaultKind.KILL_BEFORE_COMMIT, FaultKind.ZOOKEEPER_RESTART, FaultKind.CLICKHOUSE_KILL,
                FaultKind.KILL_BEFORE_COMMIT), plan.faults().stream().map(FaultPlan.Planned::kind).toList());
        // Kills before commit over 5-85 % of the phase, ClickHouse kills over 10-80 %, ZooKeeper restarts over
        // 30-90 %, the reshard at half.
        double[] expected = {0.15, 0.275, 0.35, 0.5, 0.55, 0.6, 0.625, 0.75};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], plan.faults().get(i).at(), 1e-9);
        }
        assertEquals(4, plan.count(FaultKind.KILL_BEFORE_COMMIT));
        assertEquals("killed_between_insert_and_checkpoint at 15%, 35%, 55%, 75%; clickhouse_sigkill at 28%, 63%;"
                + " reshard_under_load at 50%; zookeeper_restart at 60%", plan.describe());
    }

    @Test
    void twoReshardsFallAQuarterOfThePhaseApartAroundItsMiddle() {
        FaultPlan plan = FaultPlan.of(Map.of(FaultKind.RESHARD, 2));

        assertEquals(List.of(0.375, 0.625), plan.faults().stream().map(FaultPlan.Planned::at).toList());
    }

    @Test
    void aReshardIsDueByRecordsProducedTheOthersByRecordsCommitted() {
        FaultPlan.Planned reshard = new FaultPlan.Planned(FaultKind.RESHARD, 0.5);
        FaultPlan.Planned kill = new FaultPlan.Planned(FaultKind.CLICKHOUSE_KILL, 0.5);

        assertTrue(reshard.due(0.5, 0.1));
        assertFalse(reshard.due(0.4, 0.9));
        assertTrue(kill.due(0.1, 0.5));
        assertFalse(kill.due(0.9, 0.4));
    }

    @Test
    void changesTheTableOnceEachInTurnByRecordsProduced() {
        FaultPlan plan = FaultPlan.of(Map.of(FaultKind.COLUMN_DROPPED, 1, FaultKind.COLUMN_ADDED, 1,
                FaultKind.CHECK_CONSTRAINT_ADDED, 1, FaultKind.COLUMN_RETYPED, 1, FaultKind.REFUSING_VIEW_CREATED, 1));

        assertEquals("column_added at 15%; column_retyped at 30%; refusing_view_created at 40%;"
                + " check_constraint_added at 45%; column_dropped at 65%", plan.describe());
        assertTrue(plan.faults().get(0).due(0.15, 0));
        assertFalse(plan.faults().get(0).due(0.1, 1));
    }

    @Test
    void refusesKindsTheMappingDrawsOrThatSeparateThePhases() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaultPlan.of(Map.of(FaultKind.WHOLE_REDELIVERY, 1)));
        assertEquals("redelivered_whole is not scheduled by a plan (the mapping draws it per batch, or it separates"
                + " the phases)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.of(Map.of(FaultKind.STREAM_RECREATED, 1)));
    }
}
