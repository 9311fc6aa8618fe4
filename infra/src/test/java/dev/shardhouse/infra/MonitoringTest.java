package dev.shardhouse.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.shardhouse.infra.SynthesizedStack.getAtt;
import static dev.shardhouse.infra.SynthesizedStack.list;
import static dev.shardhouse.infra.SynthesizedStack.onlyResource;
import static dev.shardhouse.infra.SynthesizedStack.properties;
import static dev.shardhouse.infra.SynthesizedStack.ref;
import static dev.shardhouse.infra.SynthesizedStack.resources;
import static dev.shardhouse.infra.SynthesizedStack.section;
import static dev.shardhouse.infra.SynthesizedStack.target;
import static dev.shardhouse.infra.SynthesizedStack.text;
import static dev.shardhouse.infra.SynthesizedStack.toJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitoringTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String function) {
        return (Map<String, Object>) ((Map<String, Object>) properties(function).get("Environment")).get("Variables");
    }

    /** "namespace metric statistic dimensions > threshold" of each alarm, comparable as a set. */
    private static Set<String> alarmSummaries() {
        Set<String> summaries = new TreeSet<>();
        resources("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            Map<?, ?> p = (Map<?, ?>) alarm.get("Properties");
            if (p.containsKey("Metrics")) {
                return; // a metric math alarm: mappingStoppedAlarmCountsMissingInvocationsAsNone
            }
            summaries.add(p.get("Namespace") + " " + p.get("MetricName") + " " + p.get("Statistic") + " "
                    + toJson(p.get("Dimensions")) + " > " + text(p.get("Threshold")));
        });
        return summaries;
    }

    @Test
    void theAlarmTopicRefusesPublishersWithoutTls() {
        String topic = onlyResource("AWS::SNS::Topic").getKey();
        Map<String, Object> policy = properties(onlyResource("AWS::SNS::TopicPolicy").getKey());
        assertEquals(List.of(ref(topic)), policy.get("Topics"));
        String document = toJson(policy.get("PolicyDocument"));
        assertTrue(document.contains("\"Effect\":\"Deny\"")
                && document.contains("\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"), document);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mappingStoppedAlarmCountsMissingInvocationsAsNone() {
        List<Map<String, Object>> mathAlarms = resources("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> (Map<String, Object>) a.get("Properties"))
                .filter(p -> p.containsKey("Metrics"))
                .toList();
        assertEquals(1, mathAlarms.size());
        Map<String, Object> alarm = mathAlarms.get(0);
        String metrics = toJson(alarm.get("Metrics"));
        assertTrue(metrics.contains("IF(FILL(incoming, 0) > 0 AND FILL(invocations, 0) == 0, 1, 0)"), metrics);
        assertTrue(metrics.contains("\"MetricName\":\"IncomingRecords\"") && metrics.contains("\"Namespace\":\"AWS/Kinesis\""), metrics);
        assertTrue(metrics.contains("\"MetricName\":\"Invocations\""), metrics);
        assertEquals("GreaterThanOrEqualToThreshold", alarm.get("ComparisonOperator"));
        assertEquals("3", text(alarm.get("EvaluationPeriods")));
    }

    @Test
    void alarmsOnIteratorAgeFunctionErrorsDeadLettersAndErrorTableGrowth() {
        String queue = onlyResource("AWS::SQS::Queue").getKey();
        String namespace = (String) environment("IngestFunction").get("METRICS_NAMESPACE");
        // The created stream's name, or the name at the end of ExistingStreamArn.
        Map.Entry<String, Map<String, Object>> stream = onlyResource("AWS::Kinesis::Stream");
        Object existingArnThenSlash = Map.of("Fn::Join", List.of("", List.of(ref("ExistingStreamArn"), "/")));
        Object nameFromArn = Map.of("Fn::Select", List.of(1, Map.of("Fn::Split", List.of("/", existingArnThenSlash))));
        String streamName = toJson(Map.of("Fn::If",
                List.of(stream.getValue().get("Condition"), ref(stream.getKey()), nameFromArn)));
        Set<String> expected = new TreeSet<>(Set.of(
                "AWS/Lambda IteratorAge Maximum [{\"Name\":\"FunctionName\",\"Value\":{\"Ref\":\"IngestFunction\"}}] > 300000",
                "AWS/Lambda Errors Sum [{\"Name\":\"FunctionName\",\"Value\":{\"Ref\":\"IngestFunction\"}}] > 0",
                "AWS/Lambda Errors Sum [{\"Name\":\"FunctionName\",\"Value\":{\"Ref\":\"TrackerFunction\"}}] > 0",
                "AWS/SQS ApproximateNumberOfMessagesVisible Maximum [{\"Name\":\"QueueName\",\"Value\":"
                        + toJson(getAtt(queue, "QueueName")) + "}] > 0",
                namespace + " RecordsFailed Sum [{\"Name\":\"Stream\",\"Value\":" + streamName + "}] > 0",
                namespace + " StalledShards Maximum [{\"Name\":\"Stream\",\"Value\":" + streamName + "}] > 0",
                "AWS/Lambda Throttles Sum [{\"Name\":\"FunctionName\",\"Value\":{\"Ref\":\"IngestFunction\"}}] > 0"));
        assertEquals(expected, alarmSummaries());
        assertEquals("Shardhouse", namespace);
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopicWhenRaisedAndCleared() {
        String topic = onlyResource("AWS::SNS::Topic").getKey();
        resources("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            Map<?, ?> p = (Map<?, ?>) alarm.get("Properties");
            if (p.containsKey("Metrics")) {
                return; // a metric math alarm: mappingStoppedAlarmCountsMissingInvocationsAsNone
            }
            assertEquals(List.of(ref(topic)), p.get("AlarmActions"), id);
            assertEquals(List.of(ref(topic)), p.get("OKActions"), id);
            assertEquals("notBreaching", p.get("TreatMissingData"), id);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"RecordsInserted", "DuplicatesSkipped", "RecordsFailed", "BatchMillis", "IteratorAge",
            "OpenShards", "ClosedShards", "ReshardEvents", "StalledShards", "ApproximateNumberOfMessagesVisible"})
    void dashboardGraphsMetric(String metric) {
        String body = toJson(properties(onlyResource("AWS::CloudWatch::Dashboard").getKey()).get("DashboardBody"));
        assertTrue(body.contains("\\\"" + metric + "\\\""), metric + " missing from " + body);
    }

    @Test
    void dashboardIsNamedAfterTheStack() {
        Map<String, Object> properties = properties(onlyResource("AWS::CloudWatch::Dashboard").getKey());
        assertEquals(ref("AWS::StackName"), properties.get("DashboardName"));
    }

    @Test
    void trackerRunsOnTheScheduleParameter() {
        Map.Entry<String, Map<String, Object>> rule = onlyResource("AWS::Events::Rule");
        Map<String, Object> properties = properties(rule.getKey());
        assertEquals(ref("TrackerSchedule"), properties.get("ScheduleExpression"));
        assertEquals("ENABLED", properties.get("State"));
        Map<?, ?> target = (Map<?, ?>) list(properties.get("Targets")).get(0);
        assertEquals(getAtt("TrackerFunction", "Arn"), target.get("Arn"));

        Map<String, Object> permission = properties(onlyResource("AWS::Lambda::Permission").getKey());
        assertEquals("events.amazonaws.com", permission.get("Principal"));
        assertEquals(getAtt("TrackerFunction", "Arn"), permission.get("FunctionName"));
        assertEquals(getAtt(rule.getKey(), "Arn"), permission.get("SourceArn"));
    }

    @Test
    void eachFunctionLogsToItsOwnGroupKeptForTheRetentionParameter() {
        Map<String, Map<String, Object>> groups = resources("AWS::Logs::LogGroup");
        Set<String> used = new TreeSet<>();
        for (String function : List.of("IngestFunction", "TrackerFunction")) {
            Map<?, ?> logging = (Map<?, ?>) properties(function).get("LoggingConfig");
            used.add(target(logging.get("LogGroup")));
            assertEquals("JSON", logging.get("LogFormat"), function);
        }
        assertEquals(groups.keySet(), used);
        groups.keySet().forEach(group -> assertEquals(ref("LogRetentionDays"), properties(group).get("RetentionInDays")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void outputsNameTheFunctionsQueueDashboardAndTopic() {
        Map<String, Object> outputs = section("Outputs");
        String queue = onlyResource("AWS::SQS::Queue").getKey();
        String dashboard = onlyResource("AWS::CloudWatch::Dashboard").getKey();
        String topic = onlyResource("AWS::SNS::Topic").getKey();
        assertEquals(ref("IngestFunction"), ((Map<String, Object>) outputs.get("IngestFunctionName")).get("Value"));
        assertEquals(ref("TrackerFunction"), ((Map<String, Object>) outputs.get("TrackerFunctionName")).get("Value"));
        assertEquals(ref(queue), ((Map<String, Object>) outputs.get("DeadLetterQueueUrl")).get("Value"));
        assertEquals(ref(topic), ((Map<String, Object>) outputs.get("AlarmTopicArn")).get("Value"));
        String url = toJson(((Map<String, Object>) outputs.get("DashboardUrl")).get("Value"));
        assertTrue(url.contains("\".console.aws.amazon.com/cloudwatch/home?region=\"")
                && url.contains("\"#dashboards:name=\",{\"Ref\":\"" + dashboard + "\"}"), url);
    }
}
