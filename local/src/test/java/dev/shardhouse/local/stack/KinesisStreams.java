package dev.shardhouse.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Plain Kinesis API steps shared by the round-trip tests (against kinesis-mock and against LocalStack). */
final class KinesisStreams {

    private static final int PUT_RECORDS_LIMIT = 500;
    private static final int MAX_GET_RECORDS_CALLS_PER_SHARD = 1_000;

    private KinesisStreams() {
    }

    static void createAndWait(KinesisClient kinesis, String stream, int shards) {
        kinesis.createStream(request -> request.streamName(stream).shardCount(shards));
        kinesis.waiter().waitUntilStreamExists(request -> request.streamName(stream));
    }

    /** Puts each payload (UTF-8) under its partition key, in PutRecords calls of at most 500 entries. */
    static void putAll(KinesisClient kinesis, String stream, Map<String, String> payloadByPartitionKey) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        payloadByPartitionKey.forEach((partitionKey, payload) -> entries.add(PutRecordsRequestEntry.builder()
                .partitionKey(partitionKey)
                .data(SdkBytes.fromString(payload, StandardCharsets.UTF_8))
                .build()));
        for (int from = 0; from < entries.size(); from += PUT_RECORDS_LIMIT) {
            List<PutRecordsRequestEntry> batch = entries.subList(from, Math.min(from + PUT_RECORDS_LIMIT, entries.size()));
            PutRecordsResponse response = kinesis.putRecords(request -> request.streamName(stream).records(batch));
            assertEquals(0, response.failedRecordCount(), () -> "PutRecords rejected entries: " + response.records());
        }
    }

    /** Every payload (UTF-8) of every shard from TRIM_HORIZON up to the current end, by shard id. */
    static Map<String, List<String>> readAll(KinesisClient kinesis, String stream) {
        Map<String, List<String>> payloadsByShard = new LinkedHashMap<>();
        for (Shard shard : listShards(kinesis, stream)) {
            payloadsByShard.put(shard.shardId(), readShard(kinesis, stream, shard.shardId()));
        }
        return payloadsByShard;
    }

    static List<Shard> listShards(KinesisClient kinesis, String stream) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(request -> request.streamName(stream));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(request -> request.nextToken(token));
            shards.addAll(page.shards());
        }
        return shards;
    }

    private static List<String> readShard(KinesisClient kinesis, String stream, String shardId) {
        String iterator = kinesis.getShardIterator(request -> request.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<String> payloads = new ArrayList<>();
        for (int call = 0; call < MAX_GET_RECORDS_CALLS_PER_SHARD; call++) {
            GetRecordsResponse response = kinesis.getRecords(GetRecordsRequest.builder().shardIterator(iterator).build());
            response.records().forEach(record -> payloads.add(record.data().asUtf8String()));
            boolean caughtUp = response.records().isEmpty() && response.millisBehindLatest() == 0;
            if (caughtUp || response.nextShardIterator() == null) {
                return payloads;
            }
            iterator = response.nextShardIterator();
        }
        return fail("shard " + shardId + " of " + stream + " did not reach its end within "
                + MAX_GET_RECORDS_CALLS_PER_SHARD + " GetRecords calls");
    }
}
