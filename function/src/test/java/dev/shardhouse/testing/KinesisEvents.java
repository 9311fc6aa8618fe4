package dev.shardhouse.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Builds the {@link KinesisEvent} an event source mapping would deliver for some records of one shard. */
public final class KinesisEvents {

    private KinesisEvents() {
    }

    public static KinesisEvent of(String streamArn, String shardId, List<Record> records) {
        List<KinesisEvent.KinesisEventRecord> events = new ArrayList<>();
        for (Record record : records) {
            events.add(record(streamArn, shardId, record.sequenceNumber(), record.partitionKey(),
                    record.data().asByteArray(), record.approximateArrivalTimestamp().toEpochMilli()));
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(events);
        return event;
    }

    public static KinesisEvent.KinesisEventRecord record(String streamArn, String shardId, String sequenceNumber,
                                                         String partitionKey, byte[] data, long arrivalMillis) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setSequenceNumber(sequenceNumber);
        kinesis.setPartitionKey(partitionKey);
        kinesis.setData(ByteBuffer.wrap(data));
        kinesis.setApproximateArrivalTimestamp(new Date(arrivalMillis));
        kinesis.setKinesisSchemaVersion("1.0");
        KinesisEvent.KinesisEventRecord event = new KinesisEvent.KinesisEventRecord();
        event.setKinesis(kinesis);
        event.setEventID(shardId + ":" + sequenceNumber);
        event.setEventSourceARN(streamArn);
        event.setEventSource("aws:kinesis");
        event.setEventName("aws:kinesis:record");
        event.setEventVersion("1.0");
        event.setAwsRegion("us-east-1");
        return event;
    }
}
