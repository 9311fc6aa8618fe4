package dev.shardhouse.tracker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * When an open shard counts as stalled: its checkpoint has not moved for the stall time while a record has been
 * waiting beyond it for that long too (a record that arrived a moment ago on a quiet shard is not a stall).
 * Pure; the Kinesis reads are {@link StallProbe}'s.
 */
public final class StallRule {

    private StallRule() {
    }

    /**
     * Open shards worth a look: those whose checkpoint is older than {@code stallAfter}, and those with no
     * checkpoint at all. Shards with a recent checkpoint are moving and cost no Kinesis call.
     */
    public static List<StallCandidate> candidates(
            StreamListing listing, List<CheckpointRow> rows, Instant now, Duration stallAfter) {
        Map<String, CheckpointRow> checkpoints = rows.stream()
                .filter(row -> row.stream().equals(listing.stream()))
                .collect(Collectors.toMap(CheckpointRow::shardId, Function.identity()));
        Instant stillSince = now.minus(stallAfter);
        List<StallCandidate> candidates = new ArrayList<>();
        for (ListedShard shard : listing.shards()) {
            CheckpointRow checkpoint = checkpoints.get(shard.shardId());
            if (shard.closed()) {
                continue;
            } else if (checkpoint == null) {
                candidates.add(new StallCandidate(shard.shardId(), ""));
            } else if (checkpoint.updatedAt().isBefore(stillSince)) {
                candidates.add(new StallCandidate(shard.shardId(), checkpoint.committedSequence()));
            }
        }
        return candidates;
    }

    public static boolean stalled(WaitingRecords waiting, Instant now, Duration stallAfter) {
        return waiting.firstArrival()
                .map(arrival -> arrival.isBefore(now.minus(stallAfter)))
                .orElse(waiting.millisBehindLatest() > stallAfter.toMillis());
    }
}
