package dev.shardhouse.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

    @Test
    void defaultsAreTheIssuesRunOnTheChaosStack() {
        ChaosOptions options = ChaosOptions.parse();
        ChaosSettings settings = options.settings();

        assertEquals(100_000, settings.records());
        assertEquals(90_000, settings.recordsOfFirstStream());
        assertEquals(10_000, settings.recordsOfRecreatedStream());
        assertEquals(8, settings.shards());
        assertEquals(Map.of(FaultKind.CLICKHOUSE_KILL, 3, FaultKind.ZOOKEEPER_RESTART, 2,
                FaultKind.KILL_BEFORE_COMMIT, 20, FaultKind.RESHARD, 2, FaultKind.COLUMN_ADDED, 1,
                FaultKind.COLUMN_RETYPED, 1, FaultKind.COLUMN_DROPPED, 1, FaultKind.CHECK_CONSTRAINT_ADDED, 1,
                FaultKind.REFUSING_VIEW_CREATED, 1), withoutNetwork(settings.scheduledFaults()));
        assertEquals(Map.of(FaultKind.RESPONSE_DROPPED_AFTER_INSERT, 8, FaultKind.RESPONSE_DROPPED_AFTER_CLAIM, 8,
                FaultKind.RESPONSE_DROPPED_AFTER_COMMIT, 8, FaultKind.RESET_MID_REQUEST_BODY, 8,
                FaultKind.RESET_MID_RESPONSE, 8, FaultKind.LATENCY_SPIKE, 6, FaultKind.BANDWIDTH_LIMIT, 6,
                FaultKind.PARTITION, 1, FaultKind.KEEPER_SESSION_EXPIRED, 0), onlyNetwork(settings.scheduledFaults()));
        assertTrue(options.keeperLink().isEmpty(), "no keeper proxy unless bin/chaos sets one up");
        assertEquals(4, settings.killsAfterRecreate());
        assertEquals("http://127.0.0.1:18123", options.clickHouseUrl());
        assertEquals("http://127.0.0.1:14568", options.kinesisEndpoint());
        assertTrue(settings.stopsSharedServices());
    }

    @Test
    void quickIsSmallerAndFlagsOverrideIt() {
        ChaosOptions options = ChaosOptions.parse("--quick", "--records=2000", "--shards", "4", "--stack-cache", "/tmp/c");

        assertEquals(2_000, options.settings().records());
        assertEquals(4, options.settings().shards());
        assertEquals(1, options.settings().scheduledFaults().get(FaultKind.CLICKHOUSE_KILL));
        assertEquals(7, options.settings().scheduledFaults().get(FaultKind.KILL_BEFORE_COMMIT));
        assertEquals(1, options.settings().scheduledFaults().get(FaultKind.RESHARD));
        assertEquals(3, ChaosOptions.parse("--quick", "--reshards", "3").settings().scheduledFaults()
                .get(FaultKind.RESHARD));
        assertEquals(1, options.settings().killsAfterRecreate());
        assertEquals(Path.of("/tmp/c"), options.stackCache());
    }

    @Test
    void bin_chaosSetsUpTheKeeperLinkAndItsExpiries() {
        ChaosOptions options = ChaosOptions.parse("--quick", "--keeper-proxy-port", "13181", "--zookeeper-port",
                "12181", "--keeper-session-timeout-ms", "6000");

        assertEquals(Optional.of(new NetworkFaults.KeeperLink(13181, 12181, Duration.ofSeconds(6))), options.keeperLink());
        assertEquals(1, options.settings().scheduledFaults().get(FaultKind.KEEPER_SESSION_EXPIRED));
        assertEquals(2, options.settings().scheduledFaults().get(FaultKind.RESPONSE_DROPPED_AFTER_COMMIT));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--keeper-expiries", "1"))
                .getMessage().startsWith("--keeper-expiries needs --keeper-proxy-port"));
    }

    private static Map<FaultKind, Integer> withoutNetwork(Map<FaultKind, Integer> scheduled) {
        Map<FaultKind, Integer> kept = new EnumMap<>(scheduled);
        kept.keySet().removeIf(FaultKind::network);
        return kept;
    }

    private static Map<FaultKind, Integer> onlyNetwork(Map<FaultKind, Integer> scheduled) {
        Map<FaultKind, Integer> kept = new EnumMap<>(scheduled);
        kept.keySet().removeIf(kind -> !kind.network());
        return kept;
    }

    @Test
    void badFlagsAreRefusedByName() {
        assertEquals("--records must be a whole number, not 'many'",
                assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--records", "many")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--recrods", "5"))
                .getMessage().startsWith("unknown flag --recrods"));
        assertEquals("--seed needs a value",
                assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--seed")).getMessage());
        assertEquals("shards must be 1 to 64, not 0",
                assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--shards", "0")).getMessage());
    }
}
