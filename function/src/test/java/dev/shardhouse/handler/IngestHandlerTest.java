package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Routing;
import dev.shardhouse.handler.ShardBatches.ShardRef;
import dev.shardhouse.observe.BatchWatch;
import dev.shardhouse.testing.KinesisEvents;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestHandlerTest {

    private static final ShardRef SHARD =
            new ShardRef("arn:aws:kinesis:us-east-1:000000000000:stream/orders", "shardId-000000000003");
    private static final List<KinesisRecordIn> RECORDS = List.of(
            new KinesisRecordIn("49590338271490256608559692538361571095921575989136588898", "pk", null, new byte[0]),
            new KinesisRecordIn("49590338271490256608559692538361571095921575989136588899", "pk", null, new byte[0]));

    @Test
    void aFailureClickHouseCanRecoverFromIsLoggedAsTransient() throws Exception {
        JsonNode line = render(new UncheckedIOException(new ConnectException("Connection refused")));

        assertEquals(true, line.get("transient").asBoolean());
        assertEquals("batch_failed", line.get("event").asText());
        assertEquals("orders", line.get("Stream").asText());
        assertEquals("shardId-000000000003", line.get("shard").asText());
        assertEquals("49590338271490256608559692538361571095921575989136588898", line.get("firstSequence").asText());
        assertEquals(2, line.get("records").asInt());
        assertEquals("1", line.get("BatchesFailed").toString());
    }

    @Test
    void aFailureThatNeedsFixingIsNotTransient() throws Exception {
        JsonNode line = render(new IllegalStateException("claimed range held 5 records but Kinesis returned 4"));

        assertEquals(false, line.get("transient").asBoolean());
        assertEquals("ERROR", line.get("level").asText());
        assertEquals("java.lang.IllegalStateException", line.get("errorType").asText());
        assertEquals("claimed range held 5 records but Kinesis returned 4", line.get("errorMessage").asText());
        assertTrue(line.get("stackTrace").asText().contains("at dev.shardhouse.handler.IngestHandlerTest"),
                line.toString());
    }

    @Test
    void aBatchStillRunningSaysWhereItWaits() throws Exception {
        JsonNode line = new ObjectMapper().readTree(IngestHandler.waitingLine("Shardhouse", SHARD, RECORDS,
                new BatchWatch.Waiting(10, "ClickHouseSql.query:60 < KeeperMapCheckpointStore.read:88",
                        "Net.poll:-2")).render(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));

        assertEquals("WARN", line.get("level").asText());
        assertEquals("batch_waiting", line.get("event").asText());
        assertEquals("shardId-000000000003", line.get("shard").asText());
        assertEquals(10, line.get("seconds").asInt());
        assertEquals("ClickHouseSql.query:60 < KeeperMapCheckpointStore.read:88", line.get("waitingIn").asText());
        assertEquals("Net.poll:-2", line.get("blockedAt").asText());
    }

    @Test
    void recordsThatAgedOutOfAClaimArePrintedWithTheClaimAndCountedAsAMetric() throws Exception {
        PendingRange claim = PendingRange.claim("key", List.of(Position.of("10"), Position.of("20"), Position.of("30")),
                "definition", Routing.NONE, "claim");
        JsonNode line = new ObjectMapper().readTree(ExpiredRecords.line("Shardhouse",
                new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/orders", 1L), "shardId-000000000003",
                claim, 2).render(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));

        assertEquals("WARN", line.get("level").asText());
        assertEquals("claim_records_expired", line.get("event").asText());
        assertEquals(2, line.get("RecordsExpired").asInt());
        assertEquals("orders", line.get("Stream").asText());
        assertEquals("shardId-000000000003", line.get("shard").asText());
        assertEquals("10", line.get("claimFirstSequence").asText());
        assertEquals("30", line.get("claimLastSequence").asText());
        assertEquals(3, line.get("claimRecords").asInt());
        assertEquals("RecordsExpired", line.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText());
    }

    private static JsonNode render(RuntimeException failure) throws Exception {
        return new ObjectMapper().readTree(IngestHandler.failureLine("Shardhouse", SHARD, RECORDS, failure)
                .render(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
    }

    @Test
    void aRecordSpanningItsWholeArrayIsTakenWithoutACopy() {
        byte[] data = {1, 2, 3};

        assertSame(data, onlyRecord(ByteBuffer.wrap(data)).data());
    }

    @Test
    void aRecordThatIsPartOfItsBufferIsCopiedOut() {
        byte[] data = {1, 2, 3, 4, 5};
        ByteBuffer direct = ByteBuffer.allocateDirect(2).put(new byte[] {7, 8}).flip();

        assertArrayEquals(new byte[] {2, 3, 4}, onlyRecord(ByteBuffer.wrap(data, 1, 3)).data(), "from a position");
        assertArrayEquals(new byte[] {2, 3}, onlyRecord(ByteBuffer.wrap(data, 1, 2).slice()).data(), "at an offset");
        assertArrayEquals(new byte[] {1, 2}, onlyRecord(ByteBuffer.wrap(data, 0, 2)).data(), "up to a limit");
        assertArrayEquals(new byte[] {7, 8}, onlyRecord(direct).data(), "outside the heap");
    }

    private static KinesisRecordIn onlyRecord(ByteBuffer data) {
        KinesisEvent.KinesisEventRecord record = KinesisEvents.record(SHARD.streamArn(), SHARD.shardId(), "1", "pk",
                new byte[0], 0);
        record.getKinesis().setData(data);
        KinesisEvent event = new KinesisEvent();
        event.setRecords(List.of(record));
        return IngestHandler.byShard(event).get(SHARD).get(0);
    }
}
