package dev.shardhouse.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.testing.LocalServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A small chaos run on the shared local stack: every fault kind that does not stop a shared service (invocations
 * killed between insert and checkpoint, whole and overlapping redeliveries, a batch delivered twice at once, a
 * reshard under load, the stream deleted and created again), then nothing lost and nothing duplicated.
 * ClickHouse and ZooKeeper kills are {@code bin/chaos}'s, on a stack of its own.
 */
class ChaosIT {

    private static final int RECORDS = 2_000;

    @Test
    void everyRecordLandsExactlyOnceThroughEveryFaultThatSparesTheSharedServices() throws InterruptedException {
        String suffix = Long.toString(System.nanoTime(), 36);
        ChaosSettings settings = new ChaosSettings("chaos-it-" + suffix, "chaos_it", "events_" + suffix,
                "checkpoints_" + suffix, RECORDS, 4, 0.1, 50, 7,
                Map.of(FaultKind.KILL_BEFORE_COMMIT, 6, FaultKind.RESHARD, 1), 2, 0.1, 0, 8, Duration.ofMinutes(2));
        try (KinesisClient kinesis = LocalServices.kinesis(); Client clickHouse = LocalServices.clickHouse("default")) {
            ChaosResult result = new ChaosScenario(settings, kinesis, new ClickHouseSql(clickHouse),
                    LocalServices.clickHouseUrl(), ServiceFaults.NONE, System.out::println).run();
            result.figures().forEach(System.out::println);

            assertEquals(RECORDS, result.verdict().produced());
            assertEquals(List.of(), result.verdict().missing());
            assertEquals(List.of(), result.verdict().duplicated());
            assertEquals(List.of(), result.verdict().unexpected());
            assertEquals(RECORDS, result.verdict().inTable());
            assertEquals(1, result.faults().get(FaultKind.RESHARD));
            assertEquals(1, result.faults().get(FaultKind.STREAM_RECREATED));
            // Drawn per batch, or armed for the next commit (which may not come before the phase ends): at least one.
            for (FaultKind drawn : List.of(FaultKind.KILL_BEFORE_COMMIT, FaultKind.WHOLE_REDELIVERY,
                    FaultKind.OVERLAPPING_REDELIVERY, FaultKind.CONCURRENT_BATCHES)) {
                assertTrue(result.faults().get(drawn) > 0, drawn.label() + " never happened: " + result.faults());
            }
            // Each generation of the stream committed its own records under its own creation time.
            assertEquals(List.of(1_800L, 200L), List.copyOf(result.committedByCreation().values()));
        }
    }
}
