package dev.shardhouse.infra;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.shardhouse.infra.SynthesizedStack.getAtt;
import static dev.shardhouse.infra.SynthesizedStack.list;
import static dev.shardhouse.infra.SynthesizedStack.onlyResource;
import static dev.shardhouse.infra.SynthesizedStack.properties;
import static dev.shardhouse.infra.SynthesizedStack.ref;
import static dev.shardhouse.infra.SynthesizedStack.resource;
import static dev.shardhouse.infra.SynthesizedStack.section;
import static dev.shardhouse.infra.SynthesizedStack.target;
import static dev.shardhouse.infra.SynthesizedStack.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSourceMappingTest {

    private static final Map<String, Object> NO_VALUE = ref("AWS::NoValue");

    private static Map<String, Object> mapping() {
        return onlyResource("AWS::Lambda::EventSourceMapping").getValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mappingProperties() {
        return (Map<String, Object>) mapping().get("Properties");
    }

    /** The condition an {"Fn::If": [condition, ...]} tests, as the template defines it. */
    @SuppressWarnings("unchecked")
    static Object condition(Object fnIf) {
        String name = (String) ((List<Object>) ((Map<String, Object>) fnIf).get("Fn::If")).get(0);
        return section("Conditions").get(name);
    }

    @SuppressWarnings("unchecked")
    static List<Object> ifBranches(Object fnIf) {
        List<Object> arguments = (List<Object>) ((Map<String, Object>) fnIf).get("Fn::If");
        return arguments.subList(1, 3);
    }

    @ParameterizedTest(name = "{0} = Ref {1}")
    @CsvSource({
            "BatchSize, BatchSize",
            "MaximumBatchingWindowInSeconds, MaxBatchingWindowSeconds",
            "ParallelizationFactor, ParallelizationFactor",
            "StartingPosition, StartingPosition",
            "MaximumRetryAttempts, RetryAttempts",
            "MaximumRecordAgeInSeconds, MaximumRecordAgeSeconds",
            "BisectBatchOnFunctionError, BisectBatchOnError",
    })
    void propertyFollowsItsParameter(String property, String parameter) {
        assertEquals(ref(parameter), mappingProperties().get(property));
    }

    @Test
    void invokesTheIngestFunctionAndReportsPartialBatchFailures() {
        Map<String, Object> properties = mappingProperties();
        // The function itself, or with IngestSnapStart its alias (SnapStartTest).
        assertEquals(ref("IngestFunction"), ifBranches(properties.get("FunctionName")).get(1));
        assertEquals(List.of("ReportBatchItemFailures"), properties.get("FunctionResponseTypes"));
        assertEquals(true, properties.get("Enabled"));
    }

    @Test
    void sendsSkippedBatchesToTheDeadLetterQueue() {
        String queue = onlyResource("AWS::SQS::Queue").getKey();
        assertEquals(Map.of("OnFailure", Map.of("Destination", getAtt(queue, "Arn"))),
                mappingProperties().get("DestinationConfig"));
    }

    @Test
    void passesTheStartingTimestampOnlyWithAtTimestamp() {
        Object timestamp = mappingProperties().get("StartingPositionTimestamp");
        assertEquals(Map.of("Fn::Equals", List.of(ref("StartingPosition"), "AT_TIMESTAMP")), condition(timestamp));
        assertEquals(List.of(ref("StartingPositionTimestamp"), NO_VALUE), ifBranches(timestamp));
    }

    @Test
    void readsTheCreatedStreamWhenNoneIsGivenElseTheGivenOne() {
        String stream = onlyResource("AWS::Kinesis::Stream").getKey();
        // The stream itself, or with EnhancedFanOut a consumer of it (StreamConsumerTest).
        Object source = ifBranches(mappingProperties().get("EventSourceArn")).get(1);
        assertEquals(Map.of("Fn::Equals", List.of(ref("ExistingStreamArn"), "")), condition(source));
        assertEquals(List.of(getAtt(stream, "Arn"), ref("ExistingStreamArn")), ifBranches(source));

        @SuppressWarnings("unchecked")
        String createCondition = (String) ((List<Object>) ((Map<String, Object>) source).get("Fn::If")).get(0);
        assertEquals(createCondition, resource(stream).get("Condition"), "the stream exists only when created");
    }

    @Test
    void createsAnEncryptedStreamWithTheChosenCapacity() {
        Map.Entry<String, Map<String, Object>> stream = onlyResource("AWS::Kinesis::Stream");
        Map<String, Object> properties = properties(stream.getKey());
        assertEquals(Map.of("StreamMode", ref("StreamMode")), properties.get("StreamModeDetails"));
        Object shardCount = properties.get("ShardCount");
        assertEquals(Map.of("Fn::Equals", List.of(ref("StreamMode"), "PROVISIONED")), condition(shardCount));
        assertEquals(List.of(ref("ShardCount"), NO_VALUE), ifBranches(shardCount));
        @SuppressWarnings("unchecked")
        Map<String, Object> encryption = (Map<String, Object>) properties.get("StreamEncryption");
        assertEquals("KMS", encryption.get("EncryptionType"));
        Object key = encryption.get("KeyId");
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(ref("StreamKmsKeyArn"), "")))), condition(key));
        assertEquals(List.of(ref("StreamKmsKeyArn"), "alias/aws/kinesis"), ifBranches(key));
        assertEquals(ref("StreamRetentionHours"), properties.get("RetentionPeriodHours"));
    }

    @Test
    void aCreatedStreamOutlivesItsRemovalFromTheStackWithItsRecords() {
        Map<String, Object> stream = resource(onlyResource("AWS::Kinesis::Stream").getKey());
        assertEquals("Retain", stream.get("DeletionPolicy"), "switching to ExistingStreamArn would delete it");
        assertEquals("Retain", stream.get("UpdateReplacePolicy"));
    }

    @Test
    void isCreatedAfterTheIngestRoleCanReadTheStream() {
        String role = target(properties("IngestFunction").get("Role"));
        // The role's own policy; a customer-managed key's conditional policy is waited for through a handle
        // (IamPolicyTest).
        String policy = SynthesizedStack.resources("AWS::IAM::Policy").entrySet().stream()
                .filter(p -> !p.getValue().containsKey("Condition"))
                .filter(p -> list(((Map<?, ?>) p.getValue().get("Properties")).get("Roles")).contains(ref(role)))
                .map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        List<Object> dependsOn = list(mapping().get("DependsOn"));
        assertTrue(dependsOn.contains(policy), "DependsOn " + dependsOn + " lacks " + policy);
    }

    @Test
    void deadLetterQueueIsEncryptedKeepsFourteenDaysAndRefusesPlainHttp() {
        Map.Entry<String, Map<String, Object>> queue = onlyResource("AWS::SQS::Queue");
        Map<String, Object> properties = properties(queue.getKey());
        assertEquals(true, properties.get("SqsManagedSseEnabled"));
        assertEquals("1209600", text(properties.get("MessageRetentionPeriod")));

        Map<String, Object> queuePolicy = onlyResource("AWS::SQS::QueuePolicy").getValue();
        String document = SynthesizedStack.toJson(queuePolicy);
        assertTrue(document.contains("\"Effect\":\"Deny\"") && document.contains("\"aws:SecureTransport\":\"false\""),
                document);
    }
}
