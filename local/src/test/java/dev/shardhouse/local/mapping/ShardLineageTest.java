package dev.shardhouse.local.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

class ShardLineageTest {

    // 0 was split into 1 and 2; 1 and 2 were merged into 3; 4 is an unrelated open shard.
    private static final Shard S0 = shard("0", null, null, true);
    private static final Shard S1 = shard("1", "0", null, true);
    private static final Shard S2 = shard("2", "0", null, true);
    private static final Shard S3 = shard("3", "1", "2", false);
    private static final Shard S4 = shard("4", null, null, false);
    private static final List<Shard> ALL = List.of(S0, S1, S2, S3, S4);

    @Test
    void atFirstOnlyShardsWithoutParentsAreReady() {
        assertEquals(List.of(S0, S4), ShardLineage.ready(ALL, Set.of(), Set.of()));
    }

    @Test
    void childrenWaitUntilTheirParentIsDrained() {
        assertEquals(List.of(), ShardLineage.ready(ALL, Set.of("0", "4"), Set.of()));
        assertEquals(List.of(S1, S2), ShardLineage.ready(ALL, Set.of("0", "4"), Set.of("0")));
    }

    @Test
    void aMergedShardWaitsForBothParents() {
        assertEquals(List.of(), ShardLineage.ready(ALL, Set.of("0", "1", "2", "4"), Set.of("0", "1")));
        assertEquals(List.of(S3), ShardLineage.ready(ALL, Set.of("0", "1", "2", "4"), Set.of("0", "1", "2")));
    }

    @Test
    void aParentPastRetentionNoLongerHoldsItsChildrenBack() {
        List<Shard> afterRetention = List.of(S1, S2, S3, S4);

        assertEquals(List.of(S1, S2, S4), ShardLineage.ready(afterRetention, Set.of(), Set.of()));
    }

    @Test
    void aShardWithAnEndingSequenceNumberIsClosed() {
        assertTrue(ShardLineage.closed(S0));
        assertFalse(ShardLineage.closed(S3));
    }

    private static Shard shard(String id, String parent, String adjacentParent, boolean closed) {
        return Shard.builder().shardId(id).parentShardId(parent).adjacentParentShardId(adjacentParent)
                .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber("1")
                        .endingSequenceNumber(closed ? "9223372036854775807" : null).build())
                .build();
    }
}
