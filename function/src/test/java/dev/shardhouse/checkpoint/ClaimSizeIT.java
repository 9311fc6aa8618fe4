package dev.shardhouse.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.dedup.Attempts;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Routing;
import dev.shardhouse.testing.LocalServices;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A claim pins its routing in the keeper. A batch of records that all fail to map (a producer
 * shipping garbage: the very input that must go to the error table) makes a claim whose routing names every record;
 * the keeper must accept the largest such claim the processor makes, or the claim's compare-and-set fails on every
 * attempt and the shard is blocked.
 */
class ClaimSizeIT {

    private static final String DATABASE = "it_claim_size";
    private static final StreamIdentity STREAM = new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/s", 42);
    private static KeeperMapCheckpointStore store;

    @BeforeAll
    static void createTables() {
        ClickHouseSql sql = new ClickHouseSql(LocalServices.clickHouse("default"));
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        String suffix = Long.toString(System.nanoTime(), 36);
        KeeperMapCheckpointStore.createTables(sql, DATABASE, "checkpoints_" + suffix, "archive_" + suffix);
        store = new KeeperMapCheckpointStore(sql, DATABASE, "checkpoints_" + suffix, "archive_" + suffix,
                DATABASE + ".target");
    }

    private static void claimAllErrors(String shard, int records) {
        TreeMap<Integer, String> errors = new TreeMap<>();
        String reason = "not JSON: " + "{\"garbage\":".repeat(40);
        for (int i = 0; i < records; i++) {
            errors.put(i, reason);
        }
        // The processor claims the records whose routing fits one claim, the rest in claims that follow.
        int taken = new Routing(errors).recordsFitting(records);
        PendingRange range = new PendingRange(Position.of("1000", 0), Position.of("1000", taken - 1), taken,
                "token", taken + ":ab12", Attempts.of("schema"), new Routing(new TreeMap<>(errors.headMap(taken))));
        Checkpoint absent = store.read(STREAM, shard);
        boolean won = store.compareAndSet(STREAM, shard, absent, absent.claim(range), "owner");
        assertTrue(won, "a claim of the first " + taken + " of " + records + " unmappable records must win");
        assertEquals(taken, store.read(STREAM, shard).pending().orElseThrow().routing().errors().size());
    }

    /** 10,000 records: the largest batch the event source mapping delivers without KPL aggregation. */
    @Test
    void aBatchOfTenThousandUnmappableRecordsCanBeClaimed() {
        claimAllErrors("shard-10k", 10_000);
    }

    /** KPL-aggregated: 200,000 small user records fit in one Lambda batch (6 MB), each one unmappable. */
    @Test
    void aBatchOfTwoHundredThousandUnmappableUserRecordsCanBeClaimed() {
        claimAllErrors("shard-200k", 200_000);
    }
}
