package dev.shardhouse.local.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MappingSettingsTest {

    @Test
    void aParallelizationFactorAboveOneIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MappingSettings.defaults().withParallelizationFactor(2));

        assertEquals("event source mapping setting ParallelizationFactor = 2 is not supported; allowed: 1: the ingest"
                + " function keeps one ordered checkpoint per shard, which needs one batch per shard at a time", e.getMessage());
    }

    @Test
    void theStackDefaultsAreTheCdkParametersDefaults() {
        assertEquals(new MappingSettings(1000, Duration.ofSeconds(1), StartingPosition.TRIM_HORIZON, null, true, false,
                MappingSettings.UNLIMITED, MappingSettings.UNLIMITED, 1), MappingSettings.stackDefaults());
    }

    @Test
    void lambdasRangesAreEnforced() {
        assertThrows(IllegalArgumentException.class, () -> MappingSettings.defaults().withBatchSize(10_001));
        assertThrows(IllegalArgumentException.class, () -> MappingSettings.defaults().withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> MappingSettings.defaults().withBatchingWindow(Duration.ofSeconds(301)));
        assertThrows(IllegalArgumentException.class, () -> MappingSettings.defaults().withMaximumRetryAttempts(-2));
        assertThrows(IllegalArgumentException.class, () -> MappingSettings.defaults().withMaximumRecordAgeSeconds(59));
        assertEquals(10_000, MappingSettings.defaults().withBatchSize(10_000).batchSize());
        assertEquals(604_800, MappingSettings.defaults().withMaximumRecordAgeSeconds(604_800).maximumRecordAgeSeconds());
    }

    @Test
    void aTimestampGoesWithAtTimestampOnly() {
        Instant at = Instant.parse("2026-11-25T12:00:00Z");

        assertThrows(IllegalArgumentException.class,
                () -> MappingSettings.defaults().withStartingPosition(StartingPosition.AT_TIMESTAMP, null));
        assertThrows(IllegalArgumentException.class,
                () -> MappingSettings.defaults().withStartingPosition(StartingPosition.LATEST, at));
        assertEquals(at, MappingSettings.defaults().withStartingPosition(StartingPosition.AT_TIMESTAMP, at).startingTimestamp());
    }

    @Test
    void aRecordExpiresOnlyWhenOlderThanTheMaximumAge() {
        MappingSettings minute = MappingSettings.defaults().withMaximumRecordAgeSeconds(60);
        Instant arrival = Instant.parse("2026-11-25T12:00:00Z");

        assertFalse(minute.isExpired(arrival, arrival.plusSeconds(60)));
        assertTrue(minute.isExpired(arrival, arrival.plusSeconds(61)));
        assertFalse(MappingSettings.defaults().isExpired(arrival, arrival.plus(Duration.ofDays(400))));
    }

    @Test
    void unlimitedRetriesNeverRunOut() {
        assertTrue(MappingSettings.defaults().mayRetry(1_000_000));
        assertFalse(MappingSettings.defaults().withMaximumRetryAttempts(3).mayRetry(3));
        assertTrue(MappingSettings.defaults().withMaximumRetryAttempts(3).mayRetry(2));
    }
}
