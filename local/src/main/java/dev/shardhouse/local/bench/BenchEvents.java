package dev.shardhouse.local.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.testing.KinesisEvents;
import java.util.ArrayList;
import java.util.List;

/** The Lambda event a Kinesis event source mapping would deliver for a batch (one shard). */
final class BenchEvents {

    static final String SHARD_ID = "shardId-000000000000";
    private static final long ARRIVAL_MILLIS = 1_795_000_000_000L;

    private BenchEvents() {
    }

    static KinesisEvent of(Batch batch, String streamArn) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            records.add(KinesisEvents.record(streamArn, SHARD_ID, batch.sequenceNumbers().get(i), "key-" + (i % 64),
                    batch.records().get(i), ARRIVAL_MILLIS + i));
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }
}
