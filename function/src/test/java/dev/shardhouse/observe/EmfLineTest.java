package dev.shardhouse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class EmfLineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

    @AfterEach
    void forgetRequest() {
        JsonLog.requestId(null);
    }

    @Test
    void rendersMetricsDimensionsAndFieldsAsOneEmfDocument() throws Exception {
        JsonLog.requestId("8f5c-request");
        String line = new EmfLine("Shardhouse", "batch")
                .dimension("Stream", "orders")
                .metric("RecordsInserted", 42, MetricUnit.COUNT)
                .metric("BatchMillis", 7.5, MetricUnit.MILLISECONDS)
                .field("shard", "shardId-000000000001")
                .render(CLOCK);

        JsonNode doc = new ObjectMapper().readTree(line);
        assertEquals("INFO", doc.get("level").asText());
        assertEquals("8f5c-request", doc.get("requestId").asText());
        assertEquals("batch", doc.get("event").asText());
        assertEquals("orders", doc.get("Stream").asText());
        assertEquals("42", doc.get("RecordsInserted").toString(), "a count prints as a whole number");
        assertEquals(7.5, doc.get("BatchMillis").asDouble());
        assertEquals("shardId-000000000001", doc.get("shard").asText());
        JsonNode aws = doc.get("_aws");
        assertEquals(1_700_000_000_000L, aws.get("Timestamp").asLong());
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertEquals("Shardhouse", directive.get("Namespace").asText());
        assertEquals("[[\"Stream\"]]", directive.get("Dimensions").toString());
        assertEquals("[{\"Name\":\"RecordsInserted\",\"Unit\":\"Count\"},{\"Name\":\"BatchMillis\",\"Unit\":\"Milliseconds\"}]",
                directive.get("Metrics").toString());
    }

    @Test
    void aLineWithoutMetricsHasNoEmfBlock() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(
                new EmfLine("Shardhouse", Level.WARN, "deduplication_warning").field("problem", "x").render(CLOCK));

        assertEquals("{\"level\":\"WARN\",\"event\":\"deduplication_warning\",\"problem\":\"x\"}", doc.toString());
        assertFalse(doc.has("_aws"));
    }
}
