package dev.shardhouse.insert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.insert.DeduplicationCheck.Needs;
import dev.shardhouse.insert.DeduplicationCheck.Window;
import dev.shardhouse.source.StreamSummary;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rule: a window of at least 100 blocks per open shard, and (replicated) seconds covering the retry horizon. */
class DeduplicationCheckTest {

    private static final String TABLE = "`db`.`orders`";
    private static final long DAY = 86_400;

    private static Window plain(long count) {
        return new Window(TABLE, "MergeTree", "non_replicated_deduplication_window", count, OptionalLong.empty());
    }

    private static Window replicated(long count, long seconds) {
        return new Window(TABLE, "ReplicatedMergeTree", "replicated_deduplication_window", count, OptionalLong.of(seconds));
    }

    private static Needs needs(long shards, long horizonSeconds) {
        return new Needs(shards, horizonSeconds, "MAXIMUM_RECORD_AGE_SECONDS=" + horizonSeconds);
    }

    @Test
    void aWindowOfOneIsRefusedEvenForOneShard() {
        assertEquals(Optional.of("table `db`.`orders` (MergeTree): non_replicated_deduplication_window = 1 keeps the"
                + " tokens of fewer blocks than 100 (100 per open shard, 1), so a batch retried after a crash between"
                + " insert and checkpoint could be inserted twice; fix: ALTER TABLE `db`.`orders` MODIFY SETTING"
                + " non_replicated_deduplication_window = 10000"), DeduplicationCheck.problem(plain(1), needs(1, DAY)));
    }

    @Test
    void theCountMustGrowWithTheOpenShards() {
        assertEquals(Optional.empty(), DeduplicationCheck.problem(plain(100), needs(1, DAY)));
        assertEquals(Optional.empty(), DeduplicationCheck.problem(plain(200), needs(2, DAY)));
        assertEquals(true, DeduplicationCheck.problem(plain(199), needs(2, DAY)).isPresent());
        // The fix suggests at least ClickHouse's replicated default, more when the shards need more.
        assertEquals(true, DeduplicationCheck.problem(plain(10_000), needs(500, DAY)).orElseThrow()
                .endsWith("MODIFY SETTING non_replicated_deduplication_window = 50000"));
    }

    @Test
    void aNonReplicatedWindowHasNoSecondsToCheck() {
        assertEquals(Optional.empty(), DeduplicationCheck.problem(plain(100), needs(1, 7 * DAY)));
    }

    @Test
    void replicatedSecondsShorterThanTheRetryHorizonAreRefusedNamingTheHorizon() {
        assertEquals(Optional.of("table `db`.`orders` (ReplicatedMergeTree): replicated_deduplication_window_seconds"
                + " = 3600 forgets a token before a batch stops being retried, after 86400 s"
                + " (MAXIMUM_RECORD_AGE_SECONDS=86400), so a batch retried after a crash between insert and checkpoint"
                + " could be inserted twice; fix: ALTER TABLE `db`.`orders` MODIFY SETTING"
                + " replicated_deduplication_window_seconds = 86400"),
                DeduplicationCheck.problem(replicated(10_000, 3600), needs(1, DAY)));
        assertEquals(Optional.empty(), DeduplicationCheck.problem(replicated(10_000, DAY), needs(1, DAY)));
        assertEquals(Optional.empty(), DeduplicationCheck.problem(replicated(100, 3600), needs(1, 3600)));
    }

    @Test
    void bothProblemsShareOneFix() {
        assertEquals(true, DeduplicationCheck.problem(replicated(1, 3600), needs(4, DAY)).orElseThrow().endsWith(
                "MODIFY SETTING replicated_deduplication_window = 10000, replicated_deduplication_window_seconds = 86400"));
    }

    @Test
    void theHorizonIsTheRecordAgeOrUntilTheRecordsExpire() {
        StreamSummary weekLong = new StreamSummary(3, Duration.ofDays(7));
        StreamSummary dayLong = new StreamSummary(3, Duration.ofDays(1));

        assertEquals(new Needs(3, 3600, "MAXIMUM_RECORD_AGE_SECONDS=3600"), Needs.of(3600, Optional.of(weekLong)));
        assertEquals(new Needs(3, 7 * DAY, "MAXIMUM_RECORD_AGE_SECONDS=-1: until the records expire, the stream's"
                + " retention of 168 h"), Needs.of(-1, Optional.of(weekLong)));
        assertEquals(new Needs(3, DAY, "MAXIMUM_RECORD_AGE_SECONDS=604800, cut short by the stream's retention of 24 h"),
                Needs.of(604_800, Optional.of(dayLong)));
        assertEquals(new Needs(3, DAY, "MAXIMUM_RECORD_AGE_SECONDS=86400"), Needs.of(86_400, Optional.of(dayLong)),
                "a record age equal to the retention is not cut short");
    }

    @Test
    void anUndescribedStreamCountsAsOneShardKeptForKinesisShortestRetention() {
        assertEquals(new Needs(1, DAY, "MAXIMUM_RECORD_AGE_SECONDS=-1: until the records expire, the stream's"
                + " retention, at least 24 h"), Needs.of(-1, Optional.empty()));
        assertEquals(new Needs(1, 604_800, "MAXIMUM_RECORD_AGE_SECONDS=604800"), Needs.of(604_800, Optional.empty()));
        assertEquals(1, Needs.of(-1, Optional.of(new StreamSummary(0, Duration.ofDays(1)))).openShards());
    }
}
