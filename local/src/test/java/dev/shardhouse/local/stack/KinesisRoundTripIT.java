package dev.shardhouse.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shardhouse.testing.LocalServices;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** kinesis-mock from bin/local-stack behaves like Kinesis for the calls Shardhouse makes: nothing lost, nothing doubled. */
class KinesisRoundTripIT {

    private static final int SHARDS = 4;
    private static final int RECORDS = 1_000;

    @Test
    void everyRecordPutIsReadBackOnceAndEveryShardGetsSome() {
        String stream = "stack-roundtrip-" + UUID.randomUUID();
        Map<String, String> payloadByPartitionKey = new LinkedHashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            payloadByPartitionKey.put("key-" + i, "payload-" + i + "-" + UUID.randomUUID());
        }

        try (KinesisClient kinesis = LocalServices.kinesis()) {
            KinesisStreams.createAndWait(kinesis, stream, SHARDS);
            try {
                KinesisStreams.putAll(kinesis, stream, payloadByPartitionKey);
                Map<String, List<String>> payloadsByShard = KinesisStreams.readAll(kinesis, stream);

                assertEquals(SHARDS, payloadsByShard.size(), "shards listed: " + payloadsByShard.keySet());
                payloadsByShard.forEach((shard, payloads) -> assertFalse(payloads.isEmpty(), shard + " got no record"));
                List<String> all = new ArrayList<>();
                payloadsByShard.values().forEach(all::addAll);
                assertEquals(RECORDS, all.size(), "records read back, duplicates included");
                assertEquals(new HashSet<>(payloadByPartitionKey.values()), new HashSet<>(all));
            } finally {
                kinesis.deleteStream(request -> request.streamName(stream));
            }
        }
    }
}
