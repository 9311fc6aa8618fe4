package dev.shardhouse.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two pipelines in one stack of a team's own app, with plain values: each has its own everything. */
class ShardhousePipelineTest {

    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ch-AbC123";
    private static Template template;

    @BeforeAll
    static void twoPipelinesInOneStack() {
        App app = SynthesizedStack.app();
        Stack stack = new Stack(app, "TeamStack");
        Code code = Code.fromAsset(SynthesizedStack.standInJar().toString());
        ClickHouseConnection clickHouse = new ClickHouseConnection("https://ch.example.com:8443", "false", "ingest",
                SECRET, "analytics");
        new ShardhousePipeline(stack, "Orders", ShardhousePipeline.Props.builder(code, clickHouse, "orders")
                .existingStream("arn:aws:kinesis:eu-west-1:123456789012:stream/orders")
                .build("Orders"));
        new ShardhousePipeline(stack, "Clicks", ShardhousePipeline.Props.builder(code, clickHouse, "clicks")
                .recordFormat("CSV")
                .build("Clicks"));
        template = Template.fromStack(stack);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(String function) {
        Map<String, Object> properties = (Map<String, Object>) template.findResources("AWS::Lambda::Function")
                .get(function).get("Properties");
        return (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
    }

    @Test
    void eachPipelineHasItsOwnNamedFunctions() {
        assertEquals(Set.of("OrdersIngestFunction", "OrdersTrackerFunction", "ClicksIngestFunction",
                "ClicksTrackerFunction"), template.findResources("AWS::Lambda::Function").keySet());
    }

    @Test
    void eachPipelineKeepsItsCheckpointsAndMetricsApart() {
        // Checkpoints are keyed by database and table: distinct tables, distinct scopes.
        assertEquals("orders", variables("OrdersIngestFunction").get("TARGET_TABLE"));
        assertEquals("orders", variables("OrdersTrackerFunction").get("TARGET_TABLE"));
        assertEquals("clicks", variables("ClicksIngestFunction").get("TARGET_TABLE"));
        assertEquals("CSV", variables("ClicksIngestFunction").get("RECORD_FORMAT"));
        assertEquals("Shardhouse/Orders", variables("OrdersIngestFunction").get("METRICS_NAMESPACE"));
        assertEquals("Shardhouse/Clicks", variables("ClicksTrackerFunction").get("METRICS_NAMESPACE"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachPipelineHasItsOwnMappingAlarmsTopicAndDashboard() {
        assertEquals(2, template.findResources("AWS::Lambda::EventSourceMapping").size());
        assertEquals(2, template.findResources("AWS::SNS::Topic").size());
        // Decided at deploy time, as with the stack's parameter: Orders' stream resource is there, under a false condition.
        Map<String, Map<String, Object>> streams = template.findResources("AWS::Kinesis::Stream");
        assertEquals(2, streams.size());
        String ordersCondition = (String) streams.entrySet().stream().filter(s -> s.getKey().startsWith("Orders"))
                .findFirst().orElseThrow().getValue().get("Condition");
        assertEquals(Map.of("Fn::Equals", List.of("arn:aws:kinesis:eu-west-1:123456789012:stream/orders", "")),
                template.toJSON().get("Conditions") instanceof Map<?, ?> conditions ? conditions.get(ordersCondition) : null);
        Set<String> dashboards = template.findResources("AWS::CloudWatch::Dashboard").values().stream()
                .map(d -> SynthesizedStack.toJson(((Map<String, Object>) d.get("Properties")).get("DashboardName")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(2, dashboards.size(), dashboards.toString());
        Map<String, Map<String, Object>> alarms = template.findResources("AWS::CloudWatch::Alarm");
        assertTrue(alarms.size() >= 10, "alarms: " + alarms.keySet());
        for (String pipeline : List.of("Orders", "Clicks")) {
            long own = alarms.keySet().stream().filter(id -> id.startsWith(pipeline)).count();
            assertEquals(alarms.size() / 2, own, pipeline + "'s alarms of " + alarms.keySet());
        }
    }

    @Test
    void theParameterisedStackKeepsTheLogicalIdsItWasFirstDeployedWith() {
        // A changed id would make CloudFormation replace the resource: a new, empty stream among them.
        assertTrue(SynthesizedStack.resources("AWS::Kinesis::Stream").containsKey("SourceStream9623395C"));
        assertTrue(SynthesizedStack.resources("AWS::Lambda::EventSourceMapping").containsKey("IngestEventSourceMappingA5F9BFD4"));
        assertTrue(SynthesizedStack.resources("AWS::SNS::Topic").containsKey("MonitoringAlarmTopicAF62D4F1"));
        assertEquals(Set.of("IngestFunction", "TrackerFunction"),
                SynthesizedStack.resources("AWS::Lambda::Function").keySet());
    }
}
