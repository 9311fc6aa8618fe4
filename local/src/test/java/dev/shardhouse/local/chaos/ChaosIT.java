package dev.shardhouse.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.local.demo.Verification;
import dev.shardhouse.testing.LocalServices;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A small chaos run on the shared local stack: every fault kind that does not stop a shared service (invocations
 * killed between insert and checkpoint, whole and overlapping redeliveries, a batch delivered twice at once, a
 * reshard under load, the stream deleted and created again, the first pipeline's table changed five ways while it
 * runs, the tracker retiring checkpoints), with a second pipeline on the same stream; then, in both pipelines' tables,
 * nothing lost, nothing duplicated and no row that differs from its record. ClickHouse and ZooKeeper kills are
 * {@code bin/chaos}'s, on a stack of its own.
 */
class ChaosIT {

    private static final int RECORDS = 2_000;
    private static final List<FaultKind> TABLE_CHANGES = List.of(FaultKind.COLUMN_ADDED, FaultKind.COLUMN_RETYPED,
            FaultKind.REFUSING_VIEW_CREATED, FaultKind.CHECK_CONSTRAINT_ADDED, FaultKind.COLUMN_DROPPED);

    @Test
    void everyRecordLandsExactlyOnceWithItsValuesThroughEveryFaultThatSparesTheSharedServices()
            throws InterruptedException {
        String suffix = Long.toString(System.nanoTime(), 36);
        Map<FaultKind, Integer> scheduled = new EnumMap<>(FaultKind.class);
        scheduled.put(FaultKind.KILL_BEFORE_COMMIT, 6);
        scheduled.put(FaultKind.RESHARD, 1);
        TABLE_CHANGES.forEach(change -> scheduled.put(change, 1));
        ChaosSettings settings = new ChaosSettings("chaos-it-" + suffix, "chaos_it", "events_" + suffix,
                "checkpoints_" + suffix, RECORDS, 4, 0.1, 50, 7, scheduled, 2, 0.1, 0, 8, Duration.ofMinutes(2));
        try (KinesisClient kinesis = LocalServices.kinesis(); Client clickHouse = LocalServices.clickHouse("default");
             NetworkFaults network = new NetworkFaults(URI.create(LocalServices.clickHouseUrl()).getPort(),
                     Optional.empty(), ChaosScenario.FUNCTION_TIMEOUT)) {
            ChaosResult result = new ChaosScenario(settings, kinesis, new ClickHouseSql(clickHouse),
                    LocalServices.clickHouseUrl(), ServiceFaults.NONE, network, System.out::println).run();
            result.figures().forEach(System.out::println);

            assertEquals(2, result.pipelines().size());
            for (ChaosResult.Pipeline pipeline : result.pipelines()) {
                Verification verdict = pipeline.verdict();
                assertEquals(RECORDS, verdict.produced());
                assertEquals(List.of(), verdict.missing(), pipeline.table());
                assertEquals(List.of(), verdict.duplicated(), pipeline.table());
                assertEquals(List.of(), verdict.unexpected(), pipeline.table());
                assertEquals(new ValueCheck(0, 0, List.of()), pipeline.values(), pipeline.table());
                // Each generation of the stream committed its own records under its own creation time.
                assertEquals(List.of(1_800L, 200L), List.copyOf(pipeline.committedByCreation().values()), pipeline.table());
            }
            // Records shaped by the changes were produced (so the value check had something to catch), and exactly
            // those the constraint refuses are in the changed table's error table, unless the operator dropped the
            // constraint to let a held shard through: then those of batches after the drop are in the table.
            assertTrue(result.carryingAdded() > 0, "no record was produced after the column was added");
            assertTrue(result.refusable() > 0, "no record was produced for the constraint to refuse");
            Verification changed = result.pipelines().get(0).verdict();
            if (result.operatorActions().isEmpty()) {
                assertEquals(result.refusable(), changed.inErrorTable());
            } else {
                assertTrue(changed.inErrorTable() <= result.refusable(), result.operatorActions().toString());
            }
            assertEquals(RECORDS, changed.inTable() + changed.inErrorTable());
            assertEquals(RECORDS, result.pipelines().get(1).verdict().inTable());
            assertEquals(1, result.faults().get(FaultKind.RESHARD));
            assertEquals(1, result.faults().get(FaultKind.STREAM_RECREATED));
            TABLE_CHANGES.forEach(change -> assertEquals(1, result.faults().get(change), change.label()));
            // Drawn per batch, armed for the next commit (which may not come before the phase ends), or retired
            // when the tracker finds a finished checkpoint: at least one.
            for (FaultKind drawn : List.of(FaultKind.KILL_BEFORE_COMMIT, FaultKind.WHOLE_REDELIVERY,
                    FaultKind.OVERLAPPING_REDELIVERY, FaultKind.CONCURRENT_BATCHES, FaultKind.CHECKPOINTS_RETIRED)) {
                assertTrue(result.faults().get(drawn) > 0, drawn.label() + " never happened: " + result.faults());
            }
        }
    }
}
