package dev.shardhouse.tracker;

import static dev.shardhouse.tracker.TestShards.RECREATED;
import static dev.shardhouse.tracker.TestShards.STREAM;
import static dev.shardhouse.tracker.TestShards.after;
import static dev.shardhouse.tracker.TestShards.before;
import static dev.shardhouse.tracker.TestShards.checkpoint;
import static dev.shardhouse.tracker.TestShards.closed;
import static dev.shardhouse.tracker.TestShards.closedChild;
import static dev.shardhouse.tracker.TestShards.open;
import static dev.shardhouse.tracker.TestShards.openChild;
import static dev.shardhouse.tracker.TestShards.openMerge;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetirementPlanTest {

    private static final StreamListing SPLIT = new StreamListing(STREAM, List.of(closed(0), openChild(1, 0), openChild(2, 0)));
    private static final StreamListing MERGED = new StreamListing(STREAM, List.of(closed(0), closed(1), openMerge(2, 0, 1)));

    @Test
    void closedParentIsRetiredOnceEveryChildHasACheckpoint() {
        assertEquals(List.of(new Retirement(after(0), ArchiveReason.CHILDREN_CHECKPOINTED)),
                RetirementPlan.decide(SPLIT, List.of(after(0), after(1), before(2))));
    }

    @Test
    void closedParentStaysWhileAChildHasNoCheckpoint() {
        assertEquals(List.of(), RetirementPlan.decide(SPLIT, List.of(after(0), after(1))));
    }

    @Test
    void bothMergedParentsAreRetiredOnceTheChildHasACheckpoint() {
        assertEquals(List.of(
                        new Retirement(after(0), ArchiveReason.CHILDREN_CHECKPOINTED),
                        new Retirement(after(1), ArchiveReason.CHILDREN_CHECKPOINTED)),
                RetirementPlan.decide(MERGED, List.of(after(0), after(1), after(2))));
    }

    @Test
    void openShardsAreNeverRetired() {
        StreamListing listing = new StreamListing(STREAM, List.of(open(0), open(1)));

        assertEquals(List.of(), RetirementPlan.decide(listing, List.of(after(0), after(1))));
    }

    @Test
    void closedShardWithoutListedChildrenStays() {
        StreamListing listing = new StreamListing(STREAM, List.of(closed(0)));

        assertEquals(List.of(), RetirementPlan.decide(listing, List.of(after(0))));
    }

    @Test
    void closedChildOfAClosedParentIsJudgedByItsOwnChildren() {
        StreamListing listing = new StreamListing(STREAM,
                List.of(closed(0), closedChild(1, 0), openChild(2, 0), openChild(3, 1), openChild(4, 1)));

        assertEquals(List.of(new Retirement(after(0), ArchiveReason.CHILDREN_CHECKPOINTED)),
                RetirementPlan.decide(listing, List.of(after(0), after(1), after(2), after(3))));
    }

    @Test
    void shardNoLongerListedIsRetiredAsExpired() {
        StreamListing listing = new StreamListing(STREAM, List.of(openChild(1, 0), openChild(2, 0)));

        assertEquals(List.of(new Retirement(after(0), ArchiveReason.SHARD_EXPIRED)),
                RetirementPlan.decide(listing, List.of(after(0), after(1))));
    }

    @Test
    void rowWithAnInsertInFlightIsNeverRetiredForItsShard() {
        StreamListing listing = new StreamListing(STREAM, List.of(openChild(1, 0), openChild(2, 0)));

        assertEquals(List.of(), RetirementPlan.decide(SPLIT, List.of(before(0), after(1), after(2))));
        assertEquals(List.of(), RetirementPlan.decide(listing, List.of(before(0))));
    }

    @Test
    void rowsOfAnEarlierIncarnationAreRetiredWhateverTheirState() {
        StreamListing recreated = new StreamListing(RECREATED, List.of(open(0)));
        CheckpointRow oldAfter = checkpoint(STREAM, 0, "AFTER_PROCESSING", Instant.EPOCH);
        CheckpointRow oldBefore = checkpoint(STREAM, 1, "BEFORE_PROCESSING", Instant.EPOCH);
        CheckpointRow current = checkpoint(RECREATED, 0, "AFTER_PROCESSING", Instant.EPOCH);

        assertEquals(List.of(
                        new Retirement(oldAfter, ArchiveReason.STREAM_RECREATED),
                        new Retirement(oldBefore, ArchiveReason.STREAM_RECREATED)),
                RetirementPlan.decide(recreated, List.of(oldAfter, oldBefore, current)));
    }

    @Test
    void rowsOfOtherStreamsAreLeftAlone() {
        StreamIdentity other = new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/other", STREAM.createdMillis());
        StreamListing listing = new StreamListing(STREAM, List.of(open(0)));

        assertEquals(List.of(), RetirementPlan.decide(listing,
                List.of(checkpoint(other, 5, "AFTER_PROCESSING", Instant.EPOCH))));
    }
}
