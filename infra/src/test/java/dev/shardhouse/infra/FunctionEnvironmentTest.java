package dev.shardhouse.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.shardhouse.config.Setting;

import static dev.shardhouse.infra.SynthesizedStack.properties;
import static dev.shardhouse.infra.SynthesizedStack.ref;
import static dev.shardhouse.infra.SynthesizedStack.resource;
import static dev.shardhouse.infra.SynthesizedStack.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The environment the stack gives each function against what the function reads (dev.shardhouse.config.Setting). */
class FunctionEnvironmentTest {

    private static final Map<String, Object> CLICKHOUSE = Map.of(
            "CLICKHOUSE_URL", ref("ClickHouseUrl"),
            "CLICKHOUSE_ALLOW_HTTP", ref("ClickHouseAllowPlainHttp"),
            "CLICKHOUSE_USER", ref("ClickHouseUser"),
            "CLICKHOUSE_PASSWORD_SECRET_ARN", ref("ClickHousePasswordSecretArn"),
            "CLICKHOUSE_DATABASE", ref("ClickHouseDatabase"));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String function) {
        return (Map<String, Object>) ((Map<String, Object>) properties(function).get("Environment")).get("Variables");
    }

    @Test
    void ingestGetsOnlyNamesItOrItsJvmReads() {
        Set<String> unread = new TreeSet<>(environment("IngestFunction").keySet());
        unread.removeAll(Setting.namesReadByIngest());
        assertEquals(Set.of("JAVA_TOOL_OPTIONS"), unread);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ingestJvmStopsAtC1UnlessTheCompilerParameterSaysC2() {
        List<Object> choice = (List<Object>) ((Map<String, Object>) environment("IngestFunction")
                .get("JAVA_TOOL_OPTIONS")).get("Fn::If");
        assertEquals(List.of("-XX:+TieredCompilation -XX:TieredStopAtLevel=4",
                "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"), choice.subList(1, 3));
        Map<String, Object> condition = (Map<String, Object>) SynthesizedStack.section("Conditions").get(choice.get(0));
        assertEquals(Map.of("Fn::Equals", List.of(ref("IngestJitCompiler"), "C2")), condition);
    }

    @Test
    void trackerGetsOnlyNamesItReads() {
        Set<String> unread = new TreeSet<>(environment("TrackerFunction").keySet());
        unread.removeAll(Setting.namesReadByTracker());
        assertEquals(Set.of(), unread);
    }

    @Test
    void ingestGetsItsConnectionTargetFormatAndNamespaceFromTheParameters() {
        Map<String, Object> environment = environment("IngestFunction");
        CLICKHOUSE.forEach((name, value) -> assertEquals(value, environment.get(name), name));
        assertEquals(ref("TargetTable"), environment.get("TARGET_TABLE"));
        assertEquals(ref("RecordFormat"), environment.get("RECORD_FORMAT"));
        assertEquals(ref("UnmatchedKeys"), environment.get("UNMATCHED_KEYS"));
        assertEquals(ShardhouseStack.METRICS_NAMESPACE, environment.get("METRICS_NAMESPACE"));
    }

    @Test
    void ingestGetsTheRecordAgeItsMappingRetriesFor() {
        @SuppressWarnings("unchecked")
        Map<String, Object> mapping = (Map<String, Object>) SynthesizedStack.onlyResource("AWS::Lambda::EventSourceMapping")
                .getValue().get("Properties");
        assertEquals(ref("MaximumRecordAgeSeconds"), environment("IngestFunction").get("MAXIMUM_RECORD_AGE_SECONDS"));
        assertEquals(ref("MaximumRecordAgeSeconds"), mapping.get("MaximumRecordAgeInSeconds"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"IngestFunction", "TrackerFunction"})
    void bothFunctionsGetTheArnOfTheStreamTheMappingReads(String function) {
        String functionStream = SynthesizedStack.toJson(environment(function).get("STREAM_ARN"));
        @SuppressWarnings("unchecked")
        Map<String, Object> mapping = (Map<String, Object>) SynthesizedStack.onlyResource("AWS::Lambda::EventSourceMapping")
                .getValue().get("Properties");
        // The stream the mapping reads directly, or through a consumer of it (StreamConsumerTest).
        String mappingStream = SynthesizedStack.toJson(EventSourceMappingTest.ifBranches(mapping.get("EventSourceArn")).get(1));
        assertEquals(mappingStream, functionStream);
        assertTrue(functionStream.contains("{\"Ref\":\"ExistingStreamArn\"}") && functionStream.contains("Fn::If"), functionStream);
    }

    @Test
    void trackerGetsItsConnectionTargetStallLimitAndNamespace() {
        Map<String, Object> environment = environment("TrackerFunction");
        assertEquals(ref("TargetTable"), environment.get("TARGET_TABLE"), "its checkpoints are the target's pipeline's");
        CLICKHOUSE.forEach((name, value) -> assertEquals(value, environment.get(name), name));
        assertEquals(ref("StallMinutes"), environment.get("STALL_MINUTES"));
        assertEquals(ShardhouseStack.METRICS_NAMESPACE, environment.get("METRICS_NAMESPACE"));
    }

    @Test
    void thePasswordIsNeverPassedInClear() {
        assertFalse(environment("IngestFunction").containsKey(Setting.CLICKHOUSE_PASSWORD.name()));
        assertFalse(environment("TrackerFunction").containsKey(Setting.CLICKHOUSE_PASSWORD.name()));
    }

    @ParameterizedTest(name = "{0} runs {1}")
    @CsvSource({
            "IngestFunction, dev.shardhouse.handler.IngestHandler::handleRequest, IngestMemoryMb",
            "TrackerFunction, dev.shardhouse.tracker.TrackerHandler::handleRequest, TrackerMemoryMb",
    })
    void runsJava21OnArm64WithItsHandlerAndMemory(String function, String handler, String memory) {
        Map<String, Object> properties = properties(function);
        assertEquals("java21", properties.get("Runtime"));
        assertEquals(List.of("arm64"), properties.get("Architectures"));
        assertEquals(handler, properties.get("Handler"));
        assertEquals(ref(memory), properties.get("MemorySize"));
    }

    @Test
    void ingestTimeoutIsAParameterAndTheTrackerStopsWithinItsShortestInterval() {
        assertEquals(ref("IngestTimeoutSeconds"), properties("IngestFunction").get("Timeout"));
        assertEquals("60", text(properties("TrackerFunction").get("Timeout")));
    }

    @ParameterizedTest
    @CsvSource({"IngestFunction", "TrackerFunction"})
    @SuppressWarnings("unchecked")
    void samLocalInvokeFindsTheFunctionByItsName(String function) {
        Map<String, Object> metadata = (Map<String, Object>) resource(function).get("Metadata");
        assertEquals(function, metadata.get("SamResourceId"));
    }
}
