package dev.shardhouse.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.shardhouse.infra.SynthesizedStack.ref;
import static dev.shardhouse.infra.SynthesizedStack.section;
import static dev.shardhouse.infra.SynthesizedStack.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackParametersTest {

    private static final Set<String> USER_PARAMETERS = Set.of("ClickHouseUrl", "ClickHouseAllowPlainHttp", "ClickHouseUser",
            "ClickHousePasswordSecretArn", "ClickHousePasswordSecretKmsKeyArn", "ClickHouseDatabase", "TargetTable", "RecordFormat",
            "UnmatchedKeys", "ExistingStreamArn",
            "StreamMode", "ShardCount", "StreamRetentionHours", "StreamKmsKeyArn", "StartingPosition", "StartingPositionTimestamp", "BatchSize",
            "MaxBatchingWindowSeconds", "ParallelizationFactor", "RetryAttempts", "MaximumRecordAgeSeconds",
            "BisectBatchOnError", "IngestMemoryMb", "IngestTimeoutSeconds", "IngestJitCompiler", "TrackerSchedule",
            "TrackerMemoryMb",
            "StallMinutes", "LogRetentionDays", "SubnetIds", "SecurityGroupIds",
            "EnhancedFanOut", "IngestSnapStart");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameter(String name) {
        Map<String, Object> parameter = (Map<String, Object>) section("Parameters").get(name);
        assertTrue(parameter != null, "parameter " + name + " is missing");
        return parameter;
    }

    @Test
    void declaresTheDocumentedParametersAndTheCdkBootstrapVersion() {
        Set<String> expected = new TreeSet<>(USER_PARAMETERS);
        expected.add("BootstrapVersion");
        assertEquals(expected, new TreeSet<>(section("Parameters").keySet()));
    }

    @Test
    void everyParameterIsDescribedAndConstrained() {
        for (String name : USER_PARAMETERS) {
            Map<String, Object> parameter = parameter(name);
            assertFalse(String.valueOf(parameter.get("Description")).isBlank(), name + " has no description");
            boolean constrained = parameter.containsKey("AllowedValues") || parameter.containsKey("AllowedPattern")
                    || parameter.containsKey("MinValue");
            assertTrue(constrained, name + " accepts any value: " + parameter);
        }
    }

    @ParameterizedTest(name = "{0}: {1}, default {2}")
    @CsvSource(delimiter = '|', value = {
            "ClickHouseAllowPlainHttp  | String | false",
            "ClickHouseUser            | String | default",
            "ClickHouseDatabase        | String | default",
            "RecordFormat              | String | JSON",
            "UnmatchedKeys             | String | ACCEPT",
            "ExistingStreamArn         | String | ''",
            "StreamMode                | String | PROVISIONED",
            "ShardCount                | Number | 1",
            "StreamRetentionHours      | Number | 24",
            "StreamKmsKeyArn           | String | ''",
            "ClickHousePasswordSecretKmsKeyArn | String | ''",
            "StartingPosition          | String | TRIM_HORIZON",
            "StartingPositionTimestamp | Number | 0",
            "BatchSize                 | Number | 1000",
            "MaxBatchingWindowSeconds  | Number | 1",
            "ParallelizationFactor     | Number | 1",
            "RetryAttempts             | Number | -1",
            "MaximumRecordAgeSeconds   | String | -1",
            "BisectBatchOnError        | String | false",
            "IngestMemoryMb            | Number | 1024",
            "IngestTimeoutSeconds      | Number | 120",
            "IngestJitCompiler         | String | C1",
            "TrackerSchedule           | String | rate(1 minute)",
            "TrackerMemoryMb           | Number | 512",
            "StallMinutes              | Number | 15",
            "LogRetentionDays          | Number | 30",
            "EnhancedFanOut            | String | false",
            "IngestSnapStart           | String | false",
    })
    void hasTypeAndDefault(String name, String type, String defaultValue) {
        Map<String, Object> parameter = parameter(name);
        assertEquals(type, parameter.get("Type"));
        assertEquals(defaultValue, text(parameter.get("Default")));
    }

    @ParameterizedTest
    @CsvSource({"ClickHouseUrl", "ClickHousePasswordSecretArn", "TargetTable"})
    void whereToWriteHasNoDefaultSoADeploymentMustSayIt(String name) {
        assertFalse(parameter(name).containsKey("Default"), name + " has a default");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
            "RecordFormat          | JSON,CSV,TSV,RAW",
            "UnmatchedKeys         | ACCEPT,REJECT",
            "ClickHouseAllowPlainHttp | false,true",
            "StreamMode            | PROVISIONED,ON_DEMAND",
            "StartingPosition      | TRIM_HORIZON,LATEST,AT_TIMESTAMP",
            "BisectBatchOnError    | true,false",
            "IngestJitCompiler     | C1,C2",
            "EnhancedFanOut        | false,true",
            "IngestSnapStart       | false,true",
            "ParallelizationFactor | 1",
            "LogRetentionDays      | 1,3,5,7,14,30,60,90,120,150,180,365,400,545,731,1096,1827,2192,2557,2922,3288,3653",
    })
    void allowsOnlyTheseValues(String name, String values) {
        assertEquals(List.of(values.split(",")), parameter(name).get("AllowedValues"));
    }

    @ParameterizedTest(name = "{0} in [{1}, {2}]")
    @CsvSource({
            "ShardCount, 1, 10000",
            "StreamRetentionHours, 24, 8760",
            "BatchSize, 1, 10000",
            "MaxBatchingWindowSeconds, 0, 300",
            "RetryAttempts, -1, 10000",
            "IngestMemoryMb, 128, 10240",
            "IngestTimeoutSeconds, 10, 900",
            "TrackerMemoryMb, 128, 10240",
            "StallMinutes, 1, 1440",
    })
    void allowsOnlyThisRange(String name, String min, String max) {
        Map<String, Object> parameter = parameter(name);
        assertEquals(min, text(parameter.get("MinValue")));
        assertEquals(max, text(parameter.get("MaxValue")));
    }

    @ParameterizedTest(name = "StartingPositionTimestamp {0}: accepted {1}")
    @CsvSource({"0, true", "1764062043, true", "4102444799, true", "-1, false", "1764062043412, false"})
    void startingPositionTimestampIsUnixSecondsNotMilliseconds(long value, boolean accepted) {
        Map<String, Object> parameter = parameter("StartingPositionTimestamp");
        long min = Long.parseLong(text(parameter.get("MinValue")));
        long max = Long.parseLong(text(parameter.get("MaxValue")));
        assertEquals(accepted, value >= min && value <= max, value + " in [" + min + ", " + max + "]");
    }

    @Test
    void parallelizationFactorExplainsWhyOnlyOneIsAllowed() {
        String description = (String) parameter("ParallelizationFactor").get("Description");
        assertTrue(description.contains("per-shard watermark"), description);
        assertTrue(description.contains("concurrently, ordered only per partition key"), description);
        assertTrue(description.contains("Throughput scales by adding shards"), description);
    }

    @ParameterizedTest(name = "{0} accepts \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
            "ClickHouseUrl               | https://abc123.eu-west-1.aws.clickhouse.cloud:8443 | true",
            "ClickHouseUrl               | http://127.0.0.1:8123                              | true",
            "ClickHouseUrl               | https://clickhouse.internal/                       | true",
            "ClickHouseUrl               | abc123.clickhouse.cloud:8443                       | false",
            "ClickHouseUrl               | ftp://clickhouse.internal                          | false",
            "ClickHouseUrl               | https://host:8443/?user=admin                      | false",
            "ClickHouseUser              | default                                            | true",
            "ClickHouseUser              | ingest.user@team                                   | true",
            "ClickHouseUser              | ''                                                 | false",
            "ClickHouseUser              | a user                                             | false",
            "ClickHousePasswordSecretArn | arn:aws:secretsmanager:eu-west-1:123456789012:secret:clickhouse/password-AbC123 | true",
            "ClickHousePasswordSecretArn | arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:ch-Xy9Z00 | true",
            "ClickHousePasswordSecretArn | arn:aws:secretsmanager:eu-west-1:123456789012:secret:clickhouse/password | false",
            "ClickHousePasswordSecretArn | arn:aws:ssm:eu-west-1:123456789012:parameter/clickhouse-AbC123 | false",
            "ClickHouseDatabase          | analytics_1                                        | true",
            "ClickHouseDatabase          | 1analytics                                         | false",
            "TargetTable                 | _events                                            | true",
            "TargetTable                 | events;DROP TABLE x                                | false",
            "TargetTable                 | events-v2                                          | false",
            "ExistingStreamArn           | ''                                                 | true",
            "ExistingStreamArn           | arn:aws:kinesis:us-east-1:123456789012:stream/orders.v1_x | true",
            "ExistingStreamArn           | arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/c:1 | false",
            "ExistingStreamArn           | arn:aws:sqs:us-east-1:123456789012:orders          | false",
            "StreamKmsKeyArn             | ''                                                 | true",
            "StreamKmsKeyArn             | arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | true",
            "StreamKmsKeyArn             | arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab | true",
            "StreamKmsKeyArn             | arn:aws:kms:eu-west-1:123456789012:alias/orders     | false",
            "StreamKmsKeyArn             | 1234abcd-12ab-34cd-56ef-1234567890ab               | false",
            "ClickHousePasswordSecretKmsKeyArn | arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | true",
            "ClickHousePasswordSecretKmsKeyArn | alias/aws/secretsmanager                     | false",
            "MaximumRecordAgeSeconds     | -1                                                 | true",
            "MaximumRecordAgeSeconds     | 60                                                 | true",
            "MaximumRecordAgeSeconds     | 99                                                 | true",
            "MaximumRecordAgeSeconds     | 3600                                               | true",
            "MaximumRecordAgeSeconds     | 599999                                             | true",
            "MaximumRecordAgeSeconds     | 604799                                             | true",
            "MaximumRecordAgeSeconds     | 604800                                             | true",
            "MaximumRecordAgeSeconds     | 0                                                  | false",
            "MaximumRecordAgeSeconds     | 59                                                 | false",
            "MaximumRecordAgeSeconds     | 604801                                             | false",
            "MaximumRecordAgeSeconds     | 610000                                             | false",
            "MaximumRecordAgeSeconds     | -2                                                 | false",
            "MaximumRecordAgeSeconds     | 060                                                | false",
            "TrackerSchedule             | rate(1 minute)                                     | true",
            "TrackerSchedule             | rate(5 minutes)                                    | true",
            "TrackerSchedule             | cron(0/5 * * * ? *)                                | true",
            "TrackerSchedule             | rate(0 minutes)                                    | false",
            "TrackerSchedule             | rate(1 minutes)                                    | false",
            "TrackerSchedule             | rate(5 minute)                                     | false",
            "TrackerSchedule             | rate(1 hour)                                       | true",
            "TrackerSchedule             | rate(2 hours)                                      | true",
            "TrackerSchedule             | rate(1 day)                                        | true",
            "TrackerSchedule             | rate(10 minutes)                                   | true",
            "TrackerSchedule             | rate(01 minute)                                    | false",
            "TrackerSchedule             | rate(1 days)                                       | false",
            "TrackerSchedule             | every minute                                       | false",
    })
    void patternDecides(String name, String value, boolean accepted) {
        // CloudFormation matches AllowedPattern (a Java regular expression) against the whole value.
        String pattern = (String) parameter(name).get("AllowedPattern");
        assertEquals(accepted, Pattern.compile(pattern).matcher(value).matches(), name + " =~ " + pattern);
    }

    @Test
    @SuppressWarnings("unchecked")
    void atTimestampIsRejectedAtDeployTimeWithoutATimestamp() {
        Map<String, Object> rule = (Map<String, Object>) section("Rules").get("AtTimestampNeedsTimestamp");
        assertEquals(Map.of("Fn::Equals", List.of(ref("StartingPosition"), "AT_TIMESTAMP")), rule.get("RuleCondition"));
        Map<String, Object> assertion = ((List<Map<String, Object>>) rule.get("Assertions")).get(0);
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(ref("StartingPositionTimestamp"), "0")))),
                assertion.get("Assert"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConsoleShowsEveryParameterInExactlyOneGroup() {
        Map<String, Object> ui = (Map<String, Object>) section("Metadata").get("AWS::CloudFormation::Interface");
        List<String> grouped = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) ui.get("ParameterGroups")) {
            grouped.addAll((List<String>) group.get("Parameters"));
        }
        assertEquals(USER_PARAMETERS.size(), grouped.size(), "grouped: " + grouped);
        assertEquals(USER_PARAMETERS, Set.copyOf(grouped));
    }
}
