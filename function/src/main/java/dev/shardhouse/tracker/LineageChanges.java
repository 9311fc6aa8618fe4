package dev.shardhouse.tracker;

import java.util.List;

/** What one run writes: lineage rows that changed and reshard events found. */
public record LineageChanges(List<LineageRow> rows, List<ReshardEvent> events) {

    public LineageChanges {
        rows = List.copyOf(rows);
        events = List.copyOf(events);
    }
}
