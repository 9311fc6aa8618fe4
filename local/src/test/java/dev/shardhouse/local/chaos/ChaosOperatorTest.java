package dev.shardhouse.local.chaos;

import static dev.shardhouse.local.chaos.FunctionLines.NAMESPACE;
import static dev.shardhouse.local.chaos.FunctionLines.OTHER_NAMESPACE;
import static dev.shardhouse.local.chaos.FunctionLines.batchFailed;
import static dev.shardhouse.local.chaos.FunctionLines.refusal;
import static dev.shardhouse.local.chaos.FunctionLines.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOperatorTest {

    private static final String SHARD = "shardId-000000000013";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** The table as the operator sees it: constrained until the operator drops the constraint. */
    private static final class Table implements ChaosOperator.ConstrainedTable {
        boolean constrained = true;
        int drops;

        @Override
        public String table() {
            return "events";
        }

        @Override
        public boolean constrained() {
            return constrained;
        }

        @Override
        public void dropConstraint() {
            drops++;
            constrained = false;
        }
    }

    private final Table table = new Table();
    private final MovingClock clock = new MovingClock();
    private final List<String> log = new ArrayList<>();
    private final ChaosOperator operator = new ChaosOperator(
            new HeldShards(NAMESPACE, ChaosOperator.REFUSALS_BEFORE_ACTING), table, clock, log::add);

    @Test
    void theThirdRefusalOfAShardMakesTheOperatorDropTheConstraintOnceAndSayWhenAndWhy() throws InterruptedException {
        operator.read(refused(NAMESPACE, SHARD));
        operator.read(refused(NAMESPACE, SHARD));
        operator.act();

        assertEquals(0, table.drops, "two refusals do not hold a shard yet");

        operator.read(refused(NAMESPACE, SHARD));
        clock.now = START.plusSeconds(312);
        operator.act();
        operator.read(refused(NAMESPACE, SHARD));
        operator.act();

        assertEquals(1, table.drops);
        OperatorAction action = new OperatorAction("events", START.plusSeconds(312), Duration.ofSeconds(312), SHARD, 3);
        assertEquals(List.of(action), operator.actions());
        assertEquals(List.of("operator: constraint ok_is_set dropped on events at 2025-01-01T00:05:12Z (312.0 s into"
                + " the run) after shard " + SHARD + " held 3 batches"), log);
    }

    @Test
    void noneActsOnTheOtherPipelinesRefusalsOnTransientOnesOrOnATableWithoutTheConstraint()
            throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            operator.read(refused(OTHER_NAMESPACE, SHARD));
            operator.read(FunctionLines.render(batchFailed(NAMESPACE, SHARD, true, refusal(SHARD))));
        }
        operator.act();
        assertEquals(0, table.drops);

        table.constrained = false;
        for (int i = 0; i < 3; i++) {
            operator.read(refused(NAMESPACE, SHARD));
        }
        operator.act();

        assertEquals(0, table.drops);
        assertEquals(List.of(), operator.actions());
    }

    /**
     * The way a chaos run wires it: the function's lines printed to {@code System.out} through the tap reach the
     * operator, which acts on the run's next tick.
     */
    @Test
    void refusalsTheFunctionPrintsReachTheOperatorThroughTheTap() throws InterruptedException {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (FunctionOutputTap tap = FunctionOutputTap.install(operator::read)) {
            for (int i = 0; i < ChaosOperator.REFUSALS_BEFORE_ACTING; i++) {
                batchFailed(NAMESPACE, SHARD, false, refusal(SHARD)).emit();
            }
        } finally {
            System.setOut(original);
        }
        operator.act();

        assertEquals(1, table.drops);
        assertFalse(table.constrained);
    }

    private static final class MovingClock extends Clock {
        Instant now = START;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
