package dev.shardhouse.tracker;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Looks at the first record waiting beyond a stall candidate's checkpoint: one GetShardIterator, one GetRecords. */
public final class StallProbe {

    private final KinesisClient kinesis;
    private final String streamArn;

    public StallProbe(KinesisClient kinesis, String streamArn) {
        this.kinesis = kinesis;
        this.streamArn = streamArn;
    }

    public WaitingRecords waitingBeyond(StallCandidate candidate) {
        String iterator = kinesis.getShardIterator(request -> {
            request.streamARN(streamArn).shardId(candidate.shardId());
            if (candidate.fromOldest()) {
                request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(candidate.afterSequence());
            }
        }).shardIterator();
        GetRecordsResponse records = kinesis.getRecords(request -> request.streamARN(streamArn).shardIterator(iterator).limit(1));
        return new WaitingRecords(
                records.records().stream().findFirst().map(record -> record.approximateArrivalTimestamp()),
                records.millisBehindLatest() == null ? 0 : records.millisBehindLatest());
    }
}
