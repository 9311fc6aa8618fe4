package dev.shardhouse.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation in the unit suite, within a bounded budget (under a minute here, so that bin/test stays
 * under 20 minutes); {@code bin/simulate} runs longer. A failure prints the seed or path and the trace of the run.
 */
class SimulationTest {

    private final Simulation simulation = new Simulation();

    @Test
    void seededRunsKeepEveryInvariantWhileTheTableStaysAsItIs() {
        SimConfig config = SimConfig.random().withoutTableChanges();
        for (long seed = 1; seed <= 200; seed++) {
            assertClean("seed " + seed, simulation.seeded(config, seed));
        }
    }

    @Test
    void everyInterleavingOfOneFaultKeepsEveryInvariant() {
        Explorer.Outcome outcome = Explorer.explore(simulation, SimulationBounds.exhaustive(1), SimRecord.cycled(), 5_000);
        assertClean("path " + outcome.failingPath(), outcome.failure());
        assertTrue(outcome.complete(), "explored every interleaving, not just " + outcome.runs() + " runs");
        assertTrue(outcome.runs() > 100, "the bound has interleavings to explore: " + outcome.runs());
    }

    @Test
    void everyInterleavingOfTwoFaultsOtherThanTableChangesKeepsEveryInvariant() {
        Explorer.Outcome outcome = Explorer.explore(simulation, SimulationBounds.exhaustive(2).withoutTableChanges(),
                SimRecord.cycled(), 3_000);
        assertClean("path " + outcome.failingPath(), outcome.failure());
        assertTrue(outcome.runs() == 3_000 || outcome.complete(), "stopped early after " + outcome.runs() + " runs");
    }

    @Test
    void reshardedInterleavingsWithTheTrackerKeepEveryInvariant() {
        Explorer.Outcome outcome = Explorer.explore(simulation, SimulationBounds.exhaustiveResharded(0),
                SimRecord.cycled(), 800);
        assertClean("path " + outcome.failingPath(), outcome.failure());
    }

    /** The checker is not blind: a deduplication window of one block lets a retried insert through, and it says so. */
    @Test
    void aWindowTooSmallForTheRetriesIsCaughtAsDuplicatesAndItsSeedReplaysExactly() {
        SimConfig tight = SimConfig.random().withoutTableChanges().withWindowBlocks(1);
        long failing = 0;
        for (long seed = 1; seed <= 300 && failing == 0; seed++) {
            if (!simulation.seeded(tight, seed).ok()) {
                failing = seed;
            }
        }
        assertTrue(failing > 0, "no duplicate in 300 seeds with a one-block window");
        RunResult first = simulation.seeded(tight, failing);
        RunResult again = new Simulation().seeded(tight, failing);
        assertTrue(first.violations().stream().anyMatch(v -> v.contains("stored again")), first.violations()::toString);
        assertEquals(first.trace(), again.trace(), "a failing seed replays step for step");
    }

    /**
     * The checker sees insert blocks: without the settings that make every insert one block, a profile of one-row
     * blocks stores the rows of a refused insert that come before the refused one, and the re-routed claim stores them
     * again.
     */
    @Test
    void insertsSplitIntoBlocksByTheProfileAreCaughtAsDuplicates() {
        Map<String, String> withoutOneBlock = new LinkedHashMap<>(SimConfig.SENT);
        assertTrue(withoutOneBlock.keySet().removeIf(name -> name.contains("insert_block_size")));
        Explorer.Outcome outcome = Explorer.explore(simulation,
                SimulationBounds.exhaustive(1).withInsertSettings(withoutOneBlock), SimRecord.cycled(), 5_000);

        assertNotNull(outcome.failure(), "no violation in " + outcome.runs() + " runs");
        assertTrue(outcome.failure().violations().stream().anyMatch(v -> v.contains("stored again")),
                outcome.failure().violations()::toString);
    }

    /**
     * Seeds 34 and 376 found the refusal races of SimulationFindingsIT before claims counted their attempts. Records
     * age out in these runs too, some of them from a claim before its replay: the replays that count them expired show
     * that path is met, not just allowed.
     */
    @Test
    void seededRunsKeepEveryInvariantWhileTheTableChanges() {
        int replaysOfAgedOutRecords = 0;
        for (long seed = 1; seed <= 1_000; seed++) {
            RunResult result = simulation.seeded(SimConfig.random(), seed);
            assertClean("seed " + seed, result);
            replaysOfAgedOutRecords += (int) result.trace().stream().filter(EXPIRED_REPORTED.asPredicate()).count();
        }
        assertTrue(replaysOfAgedOutRecords > 0, "no replay met a claim whose start had aged out");
    }

    /**
     * The tracker's commit of a claim whose records all aged out before any replay is met, not just allowed: the runs
     * that end that way are rare (seeds 1891 and 11203 of the first 20,000 ended with such a claim pending for good
     * before the tracker committed them), so seeds are tried in turn until one does, and that run must be clean.
     */
    @Test
    void someSeededRunHasTheTrackerCommitAClaimWhoseRecordsAllAgedOut() {
        for (long seed = 1; seed <= 20_000; seed++) {
            RunResult result = simulation.seeded(SimConfig.random(), seed);
            if (result.trace().stream().anyMatch(EXPIRED_BY_TRACKER.asPredicate())) {
                assertClean("seed " + seed, result);
                return;
            }
        }
        fail("the tracker committed no claim whose records had all aged out in 20,000 seeded runs");
    }

    private static final Pattern EXPIRED_REPORTED = Pattern.compile("succeeded: .*, expired [1-9]");
    private static final Pattern EXPIRED_BY_TRACKER = Pattern.compile("committed expired claims \\[ExpiredClaim");

    /**
     * Table changes and records aging out included: about 45,000 runs, the longest test of the suite (three to four
     * minutes here), kept whole because the races it found lay past run 16,000 and a fence tried against them stuck a
     * shard only this search showed.
     */
    @Test
    void everyInterleavingOfTwoFaultsKeepsEveryInvariant() {
        Explorer.Outcome outcome = Explorer.explore(simulation, SimulationBounds.exhaustive(2), SimRecord.cycled(),
                100_000);
        assertClean("path " + outcome.failingPath(), outcome.failure());
        assertTrue(outcome.complete(), "explored every interleaving, not just " + outcome.runs() + " runs");
    }

    private static void assertClean(String which, RunResult result) {
        if (result != null) {
            assertTrue(result.ok(), () -> which + " broke " + result.violations() + "\n"
                    + String.join("\n", result.trace()));
        }
    }

    @Test
    void aSeedReplaysExactly() {
        List<String> first = simulation.seeded(SimConfig.random(), 7).trace();
        assertFalse(first.isEmpty());
        assertEquals(first, new Simulation().seeded(SimConfig.random(), 7).trace());
    }
}
