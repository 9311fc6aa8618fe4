package dev.shardhouse.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackerReportTest {

    private static final TrackerReport REPORT = new TrackerReport("orders", "arn:aws:kinesis:us-east-1:000000000000:stream/orders",
            1_700_000_000_000L, "ACTIVE", "PROVISIONED", 24, 5, 1, 3, List.of("split|shardId-000000000000", "scale-out|shardId-000000000004"),
            2, List.of(new ExpiredClaim("shardId-000000000001", "49590", "49592", 3),
                    new ExpiredClaim("shardId-000000000002", "49600", "49600", 1)),
            List.of("shardId-000000000003"), List.of("shardId-000000000004"), 40, 95);

    @Test
    void logLineCarriesTheFiveMetricsPerStreamAndTheDetailsAsFields() throws Exception {
        JsonNode line = new ObjectMapper().readTree(REPORT.toLogLine("Shardhouse")
                .render(Clock.fixed(Instant.ofEpochMilli(1_700_000_100_000L), ZoneOffset.UTC)));

        assertEquals("orders", line.get("Stream").asText());
        assertEquals(5, line.get("OpenShards").asInt());
        assertEquals(1, line.get("ClosedShards").asInt());
        assertEquals(2, line.get("ReshardEvents").asInt());
        assertEquals(2, line.get("CheckpointsRetired").asInt());
        assertEquals(1, line.get("StalledShards").asInt());
        assertEquals("[{\"shardId\":\"shardId-000000000001\",\"firstSequence\":\"49590\",\"lastSequence\":\"49592\","
                + "\"records\":3},{\"shardId\":\"shardId-000000000002\",\"firstSequence\":\"49600\","
                + "\"lastSequence\":\"49600\",\"records\":1}]", line.get("expiredClaims").toString());
        assertEquals("[\"shardId-000000000003\"]", line.get("stalledShardIds").toString());
        assertEquals("[\"shardId-000000000004\"]", line.get("unprobedShardIds").toString());
        assertEquals(1_700_000_000_000L, line.get("streamCreatedMs").asLong());
        assertEquals("PROVISIONED", line.get("streamMode").asText());
        assertEquals(24, line.get("retentionHours").asInt());
        assertEquals(95, line.get("runMillis").asLong());
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("Shardhouse", directive.get("Namespace").asText());
        assertEquals("[[\"Stream\"]]", directive.get("Dimensions").toString());
        assertEquals("[\"OpenShards\",\"ClosedShards\",\"ReshardEvents\",\"CheckpointsRetired\",\"StalledShards\"]",
                new ObjectMapper().valueToTree(directive.get("Metrics").findValuesAsText("Name")).toString());
    }

    /** The handler's return value goes through the Java runtime's own serializer. */
    @Test
    void lambdaRuntimeSerializesTheReport() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JacksonFactory.getInstance().getSerializer(TrackerReport.class).toJson(REPORT, out);
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));

        assertEquals("orders", json.get("stream").asText());
        assertEquals(2, json.get("checkpointsRetired").asInt());
        assertEquals("[\"split|shardId-000000000000\",\"scale-out|shardId-000000000004\"]", json.get("reshardEvents").toString());
        assertEquals("[\"shardId-000000000003\"]", json.get("stalledShards").toString());
        assertEquals(3, json.get("expiredClaims").get(0).get("records").asInt());
    }
}
