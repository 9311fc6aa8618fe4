package dev.shardhouse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class JsonLoggerTest {

    @AfterEach
    void forgetRequest() {
        JsonLog.requestId(null);
    }

    @Test
    void aLibraryLineWithAnErrorIsOneJsonObject() throws Exception {
        JsonLog.requestId("8f5c-request");
        Exception error = new IllegalStateException("outer", new java.io.IOException("inner"));

        String rendered = JsonLogger.line("org.apache.hc.client5", Level.WARN, "connection reset", error);

        assertFalse(rendered.contains("\n"), rendered);
        JsonNode line = new ObjectMapper().readTree(rendered);
        assertEquals("WARN", line.get("level").asText());
        assertEquals("8f5c-request", line.get("requestId").asText());
        assertEquals("org.apache.hc.client5", line.get("logger").asText());
        assertEquals("connection reset", line.get("message").asText());
        assertEquals("java.lang.IllegalStateException", line.get("errorType").asText());
        assertEquals("outer", line.get("errorMessage").asText());
        assertTrue(line.get("stackTrace").asText().contains("Caused by: java.io.IOException: inner"), rendered);
    }

    @Test
    void slf4jFindsThisBindingAndTheClickHouseClientOnlyPrintsErrors() {
        var clickHouse = LoggerFactory.getLogger("com.clickhouse.client.api.Client");
        var sdk = LoggerFactory.getLogger("software.amazon.awssdk.core");

        assertTrue(clickHouse instanceof JsonLogger, clickHouse.getClass().getName());
        assertFalse(clickHouse.isWarnEnabled(), "the client's 'Retrying.' warnings are quieted");
        assertTrue(clickHouse.isErrorEnabled());
        assertTrue(sdk.isInfoEnabled());
        assertFalse(sdk.isDebugEnabled());
    }
}
