package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the stored lineage with the current listing and says which lineage rows to write and which reshard
 * events happened in between. Pure, so every resharding shape is tested without services.
 *
 * <p>A row is written only when something about its shard changed, so a run that finds nothing new writes nothing.
 * Events are named deterministically ({@link ReshardEvent#key()}): a run that sees the same change again (after a
 * crash, or at the same time as another run) names it the same way and the store keeps it once.
 */
public final class LineageDiff {

    /**
     * How stale {@code last_seen} may get before a run refreshes it. Much coarser than the one-minute schedule, so
     * that a run with nothing new writes nothing; fine enough to say roughly when an expired shard was last listed.
     */
    public static final Duration LAST_SEEN_RESOLUTION = Duration.ofHours(1);

    private LineageDiff() {
    }

    /**
     * @param previous               the stored lineage of the stream's ARN, of every incarnation
     * @param current                what ListShards returns now
     * @param checkpointIncarnations creation times of this ARN found in the checkpoint table, so that a recreation
     *                               is recognised even when the lineage never saw the old stream
     * @param now                    the time of this run
     */
    public static LineageChanges between(
            List<LineageRow> previous, StreamListing current, Set<Long> checkpointIncarnations, Instant now) {
        StreamIdentity stream = current.stream();
        Map<String, LineageRow> known = new LinkedHashMap<>();
        List<LineageRow> olderIncarnations = new ArrayList<>();
        for (LineageRow row : previous) {
            if (row.stream().equals(stream)) {
                known.put(row.shardId(), row);
            } else {
                olderIncarnations.add(row);
            }
        }
        Map<String, ListedShard> listed = current.byId();
        List<LineageRow> gone = known.values().stream()
                .filter(row -> row.listed() && !listed.containsKey(row.shardId()))
                .toList();

        List<LineageRow> rows = new ArrayList<>(changedListedRows(known, current, now));
        gone.forEach(row -> rows.add(row.unlisted()));
        // The old stream's shards are gone with it; its recreation is the event, not each shard.
        olderIncarnations.stream().filter(LineageRow::listed).map(LineageRow::unlisted).forEach(rows::add);

        List<ReshardEvent> events;
        if (!known.isEmpty()) {
            events = changesSince(known, current, gone);
        } else if (!olderIncarnations.isEmpty() || checkpointIncarnations.stream().anyMatch(ms -> ms != stream.createdMillis())) {
            int openBefore = (int) olderIncarnations.stream().filter(LineageRow::isOpen).count();
            events = List.of(ReshardEvent.recreated(openBefore, openShardIds(current.shards())));
        } else {
            // First sight of the stream: its history happened before the tracker ran and has no event time.
            events = List.of();
        }
        return new LineageChanges(rows, events);
    }

    private static List<LineageRow> changedListedRows(Map<String, LineageRow> known, StreamListing current, Instant now) {
        List<LineageRow> rows = new ArrayList<>();
        for (ListedShard shard : current.shards()) {
            LineageRow before = known.get(shard.shardId());
            if (before == null) {
                rows.add(new LineageRow(current.stream(), shard, true, now, now));
            } else if (before.shard().closed() != shard.closed()
                    || !before.listed()
                    || Duration.between(before.lastSeen(), now).compareTo(LAST_SEEN_RESOLUTION) >= 0) {
                rows.add(new LineageRow(current.stream(), shard, true, before.firstSeen(), now));
            }
        }
        return rows;
    }

    private static List<ReshardEvent> changesSince(Map<String, LineageRow> known, StreamListing current, List<LineageRow> gone) {
        int openBefore = (int) known.values().stream().filter(LineageRow::isOpen).count();
        int openAfter = current.openShards();
        List<ListedShard> fresh = current.shards().stream().filter(shard -> !known.containsKey(shard.shardId())).toList();

        List<ReshardEvent> events = new ArrayList<>();
        Map<String, List<String>> splitChildren = new TreeMap<>();
        for (ListedShard shard : fresh) {
            if (shard.isMergeChild()) {
                events.add(ReshardEvent.merge(shard.parents(), shard.shardId(), openBefore, openAfter));
            } else if (!shard.parentShardId().isEmpty()) {
                splitChildren.computeIfAbsent(shard.parentShardId(), parent -> new ArrayList<>()).add(shard.shardId());
            }
        }
        splitChildren.forEach((parent, children) -> events.add(ReshardEvent.split(parent, children, openBefore, openAfter)));
        if (openAfter != openBefore) {
            Map<String, ListedShard> listed = current.byId();
            List<String> closedSince = known.values().stream()
                    .filter(LineageRow::isOpen)
                    .filter(row -> !listed.containsKey(row.shardId()) || listed.get(row.shardId()).closed())
                    .map(LineageRow::shardId)
                    .sorted()
                    .toList();
            events.add(ReshardEvent.scale(closedSince, openShardIds(fresh), openBefore, openAfter));
        }
        gone.stream().map(LineageRow::shardId).sorted().forEach(shardId -> events.add(ReshardEvent.expired(shardId, openAfter)));
        return events;
    }

    private static List<String> openShardIds(Collection<ListedShard> shards) {
        return shards.stream().filter(shard -> !shard.closed()).map(ListedShard::shardId).sorted().toList();
    }
}
