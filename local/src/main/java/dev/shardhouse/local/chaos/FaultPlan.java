package dev.shardhouse.local.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a phase of a chaos run injects its scheduled faults, as fractions of the phase's records: spread evenly over
 * the middle of the run, so every fault lands while records are flowing. A reshard and the table changes are due by
 * the records produced (the reshard must happen under load from the producer; the records produced after a table
 * change are those that show it); the other faults by the records the mapping has committed (they must hit the
 * ingest while it works).
 */
public record FaultPlan(List<Planned> faults) {

    /** One fault to inject once the phase has reached {@code at} (0 to 1) of its records. */
    public record Planned(FaultKind kind, double at) {
        /** Whether it is due, given the fractions of the phase's records produced and committed so far. */
        public boolean due(double produced, double committed) {
            return (kind == FaultKind.RESHARD || kind.changesTable() ? produced : committed) >= at;
        }
    }

    public FaultPlan {
        faults = List.copyOf(faults);
    }

    /** Each kind's faults spread over its window of the phase; in the order they fall due. */
    public static FaultPlan of(Map<FaultKind, Integer> counts) {
        List<Planned> planned = new ArrayList<>();
        counts.forEach((kind, count) -> {
            if (!scheduled(kind)) {
                throw new IllegalArgumentException(kind.label() + " is not scheduled by a plan"
                        + " (the mapping draws it per batch, or it separates the phases)");
            }
            double[] window = window(kind);
            for (int i = 0; i < count; i++) {
                planned.add(new Planned(kind, window[0] + (window[1] - window[0]) * (i + 0.5) / count));
            }
        });
        planned.sort(Comparator.comparingDouble(Planned::at));
        return new FaultPlan(planned);
    }

    /**
     * The share of the phase over which a kind's faults are spread; the service faults' windows differ so that a
     * ClickHouse kill and a ZooKeeper restart rarely fall together. The table changes come one after the other, each
     * with records of the one before still in flight; the constraint before the reshard, which can take seconds while
     * the producer goes on: records produced after the constraint are what shows it.
     */
    private static double[] window(FaultKind kind) {
        return switch (kind) {
            case KILL_BEFORE_COMMIT -> new double[] {0.05, 0.85};
            case CLICKHOUSE_KILL -> new double[] {0.1, 0.8};
            case ZOOKEEPER_RESTART -> new double[] {0.3, 0.9};
            case COLUMN_ADDED -> new double[] {0.15, 0.15};
            case COLUMN_RETYPED -> new double[] {0.3, 0.3};
            case REFUSING_VIEW_CREATED -> new double[] {0.4, 0.4};
            case CHECK_CONSTRAINT_ADDED -> new double[] {0.45, 0.45};
            case COLUMN_DROPPED -> new double[] {0.65, 0.65};
            case RESPONSE_DROPPED_AFTER_INSERT, RESPONSE_DROPPED_AFTER_CLAIM, RESPONSE_DROPPED_AFTER_COMMIT,
                 RESET_MID_REQUEST_BODY, RESET_MID_RESPONSE -> new double[] {0.05, 0.95};
            case LATENCY_SPIKE, BANDWIDTH_LIMIT -> new double[] {0.1, 0.9};
            case PARTITION -> new double[] {0.35, 0.75};
            case KEEPER_SESSION_EXPIRED -> new double[] {0.15, 0.65};
            case RESHARD -> new double[] {0.25, 0.75};
            default -> new double[] {0.5, 0.5};
        };
    }

    /** For the terminal: each kind with the shares of the phase at which its faults fall due. */
    public String describe() {
        if (faults.isEmpty()) {
            return "none";
        }
        Map<FaultKind, List<String>> byKind = new LinkedHashMap<>();
        for (Planned fault : faults) {
            byKind.computeIfAbsent(fault.kind(), any -> new ArrayList<>()).add(Math.round(fault.at() * 100) + "%");
        }
        List<String> parts = new ArrayList<>();
        byKind.forEach((kind, shares) -> parts.add(kind.label() + " at " + String.join(", ", shares)));
        return String.join("; ", parts);
    }

    public static boolean scheduled(FaultKind kind) {
        return switch (kind) {
            case CLICKHOUSE_KILL, ZOOKEEPER_RESTART, KILL_BEFORE_COMMIT, RESHARD, COLUMN_ADDED, COLUMN_RETYPED,
                 COLUMN_DROPPED, CHECK_CONSTRAINT_ADDED, REFUSING_VIEW_CREATED, RESPONSE_DROPPED_AFTER_INSERT,
                 RESPONSE_DROPPED_AFTER_CLAIM, RESPONSE_DROPPED_AFTER_COMMIT, RESET_MID_REQUEST_BODY, RESET_MID_RESPONSE,
                 LATENCY_SPIKE, BANDWIDTH_LIMIT, PARTITION, KEEPER_SESSION_EXPIRED -> true;
            case WHOLE_REDELIVERY, OVERLAPPING_REDELIVERY, CONCURRENT_BATCHES, PARALLEL_BATCHES, STREAM_RECREATED,
                 CHECKPOINTS_RETIRED -> false;
        };
    }

    public long count(FaultKind kind) {
        return faults.stream().filter(fault -> fault.kind() == kind).count();
    }
}
