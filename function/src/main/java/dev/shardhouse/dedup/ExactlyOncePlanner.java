package dev.shardhouse.dedup;

import java.util.List;
import java.util.function.Predicate;

/**
 * Decides a batch's next step from its shard's checkpoint. Pure: the caller performs the step and, where a
 * compare-and-set fails because another invocation moved the checkpoint, reads it again and asks again.
 */
public final class ExactlyOncePlanner {

    private ExactlyOncePlanner() {
    }

    /**
     * @param positions the batch's user-record positions in ascending order, as Kinesis delivers one shard
     */
    public static Step plan(Checkpoint checkpoint, List<Position> positions) {
        if (checkpoint.pending().isPresent()) {
            return new Step.Recover(checkpoint.pending().get());
        }
        int from = firstNotCovered(checkpoint, positions);
        if (checkpoint.lastClaim().isPresent()) {
            PendingRange claim = checkpoint.lastClaim().get();
            Predicate<Position> member = PositionsFingerprint.mightHold(claim.positions());
            for (Position covered : positions.subList(0, from)) {
                if (claim.contains(covered) && !member.test(covered)) {
                    return new Step.Interleaved(covered, claim);
                }
            }
        }
        if (from == positions.size()) {
            return new Step.Skip(positions.size());
        }
        return new Step.Insert(from);
    }

    private static int firstNotCovered(Checkpoint checkpoint, List<Position> positions) {
        int low = 0;
        int high = positions.size();
        while (low < high) { // binary search: covered positions form a prefix of an ascending batch
            int mid = (low + high) >>> 1;
            if (checkpoint.covers(positions.get(mid))) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
