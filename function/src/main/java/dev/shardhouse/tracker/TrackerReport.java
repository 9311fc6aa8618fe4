package dev.shardhouse.tracker;

import dev.shardhouse.observe.EmfLine;
import dev.shardhouse.observe.MetricUnit;
import java.util.List;
import java.util.Objects;

/**
 * What one run found and did; returned by the handler and logged as one EMF line.
 *
 * @param reshardEvents   keys of the reshard events found by this run
 * @param expiredClaims   pending claims this run committed because every record of theirs had aged out of the stream
 *                        (each reported first in a {@code claim_records_expired} line, as the ingest function does)
 * @param unprobedShards  stall candidates whose Kinesis read failed (throttled, for example), so whether they are
 *                        stalled is unknown this run
 * @param listMillis      time spent describing and listing the stream
 * @param runMillis       time of the whole run
 */
public record TrackerReport(
        String stream,
        String streamArn,
        long streamCreatedMs,
        String streamStatus,
        String streamMode,
        int retentionHours,
        int openShards,
        int closedShards,
        int lineageRowsWritten,
        List<String> reshardEvents,
        int checkpointsRetired,
        List<ExpiredClaim> expiredClaims,
        List<String> stalledShards,
        List<String> unprobedShards,
        long listMillis,
        long runMillis) {

    public TrackerReport {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(streamArn, "streamArn");
        Objects.requireNonNull(streamStatus, "streamStatus");
        Objects.requireNonNull(streamMode, "streamMode");
        reshardEvents = List.copyOf(reshardEvents);
        expiredClaims = List.copyOf(expiredClaims);
        stalledShards = List.copyOf(stalledShards);
        unprobedShards = List.copyOf(unprobedShards);
    }

    /** A run that found the stream being created or deleted, when it has no shards to list. */
    static TrackerReport notListable(StreamSummary summary, long runMillis) {
        return new TrackerReport(summary.stream().streamName(), summary.stream().streamArn(), summary.stream().createdMillis(),
                summary.status(), summary.mode(), summary.retentionHours(), 0, 0, 0, List.of(), 0, List.of(), List.of(), List.of(),
                runMillis, runMillis);
    }

    public EmfLine toLogLine(String namespace) {
        return new EmfLine(namespace, "resharding_tracker_run")
                .dimension("Stream", stream)
                .metric("OpenShards", openShards, MetricUnit.COUNT)
                .metric("ClosedShards", closedShards, MetricUnit.COUNT)
                .metric("ReshardEvents", reshardEvents.size(), MetricUnit.COUNT)
                .metric("CheckpointsRetired", checkpointsRetired, MetricUnit.COUNT)
                .metric("StalledShards", stalledShards.size(), MetricUnit.COUNT)
                .field("streamArn", streamArn)
                .field("streamCreatedMs", streamCreatedMs)
                .field("streamStatus", streamStatus)
                .field("streamMode", streamMode)
                .field("retentionHours", retentionHours)
                .field("lineageRowsWritten", lineageRowsWritten)
                .field("reshardEventKeys", reshardEvents)
                .field("expiredClaims", expiredClaims)
                .field("stalledShardIds", stalledShards)
                .field("unprobedShardIds", unprobedShards)
                .field("listMillis", listMillis)
                .field("runMillis", runMillis);
    }
}
