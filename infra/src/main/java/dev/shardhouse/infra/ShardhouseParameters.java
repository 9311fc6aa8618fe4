package dev.shardhouse.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Validations;

/**
 * The stack's CloudFormation parameters: everything a user sets with {@code cdk deploy --parameters Name=value}.
 * They are declared directly in the stack (not in a child construct) so their logical ids are exactly the names
 * below, and grouped into typed values for the constructs that use them.
 */
public final class ShardhouseParameters {

    /** A ClickHouse identifier as the functions accept it (dev.shardhouse.config.Identifier). */
    static final String CLICKHOUSE_IDENTIFIER = "^[A-Za-z_][A-Za-z0-9_]{0,205}$";
    static final String CLICKHOUSE_URL = "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$";
    static final String CLICKHOUSE_USER = "^[A-Za-z0-9_.@-]{1,128}$";
    /** A complete secret ARN: IAM matches the random 6-character suffix, so a partial ARN would grant nothing. */
    static final String SECRET_ARN = "^arn:aws[-a-z]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$";
    /** A key by its ARN (IAM matches key ARNs, not aliases), single- or multi-Region, or empty. */
    static final String KMS_KEY_ARN_OR_EMPTY =
            "^(|arn:aws[-a-z]*:kms:[a-z0-9-]+:[0-9]{12}:key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}))$";
    /** CloudFormation matches a list parameter's pattern against each entry; the default list is one empty entry. */
    static final String SUBNET_ID_OR_EMPTY = "^(|subnet-[0-9a-f]{8,17})$";
    static final String SECURITY_GROUP_ID_OR_EMPTY = "^(|sg-[0-9a-f]{8,17})$";
    static final String STREAM_ARN_OR_EMPTY = "^(|arn:aws[-a-z]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]{1,128})$";
    /** -1 (no limit) or 60..604800: the event source mapping's range, which a Number parameter cannot express. */
    static final String MAXIMUM_RECORD_AGE =
            "^(-1|[6-9][0-9]|[1-9][0-9]{2,4}|[1-5][0-9]{5}|60[0-3][0-9]{3}|604[0-7][0-9]{2}|604800)$";
    /** EventBridge wants the singular unit for 1 and the plural above it: rate(1 minutes) fails at deploy. */
    static final String SCHEDULE_EXPRESSION =
            "^(rate\\((1 (minute|hour|day)|([2-9]|[1-9][0-9]+) (minutes|hours|days))\\)|cron\\([^()]+\\))$";
    /**
     * 2099-12-31T23:59:59Z in Unix seconds. CloudFormation has no clock to refuse any future time, but a time in
     * milliseconds (13 digits today) is far above this, and the mapping would refuse it as a time in the future.
     */
    static final long LATEST_STARTING_TIMESTAMP = 4_102_444_799L;
    /** The retention periods CloudWatch Logs accepts. */
    static final List<String> LOG_RETENTION_DAYS = List.of("1", "3", "5", "7", "14", "30", "60", "90", "120", "150",
            "180", "365", "400", "545", "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653");

    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private final Stack stack;

    private final CfnParameter clickHouseUrl;
    private final CfnParameter clickHouseAllowPlainHttp;
    private final CfnParameter clickHouseUser;
    private final CfnParameter clickHousePasswordSecretArn;
    private final CfnParameter clickHousePasswordSecretKeyArn;
    private final CfnParameter clickHouseDatabase;
    private final CfnParameter targetTable;
    private final CfnParameter recordFormat;
    private final CfnParameter unmatchedKeys;
    private final CfnParameter existingStreamArn;
    private final CfnParameter streamMode;
    private final CfnParameter shardCount;
    private final CfnParameter streamRetentionHours;
    private final CfnParameter streamKmsKeyArn;
    private final CfnParameter startingPosition;
    private final CfnParameter startingPositionTimestamp;
    private final CfnParameter batchSize;
    private final CfnParameter maxBatchingWindowSeconds;
    private final CfnParameter parallelizationFactor;
    private final CfnParameter retryAttempts;
    private final CfnParameter maximumRecordAgeSeconds;
    private final CfnParameter bisectBatchOnError;
    private final CfnParameter ingestMemoryMb;
    private final CfnParameter ingestTimeoutSeconds;
    private final CfnParameter ingestJitCompiler;
    private final CfnParameter trackerSchedule;
    private final CfnParameter trackerMemoryMb;
    private final CfnParameter stallMinutes;
    private final CfnParameter logRetentionDays;
    private final CfnParameter enhancedFanOut;
    private final CfnParameter ingestSnapStart;
    private final CfnParameter subnetIds;
    private final CfnParameter securityGroupIds;

    public ShardhouseParameters(Stack stack) {
        this.stack = stack;

        String clickHouse = "ClickHouse target";
        clickHouseUrl = pattern(clickHouse, "ClickHouseUrl", null, CLICKHOUSE_URL,
                "URL of ClickHouse's HTTP interface, e.g. https://abc123.eu-west-1.aws.clickhouse.cloud:8443. The"
                        + " functions refuse http:// at start unless ClickHouseAllowPlainHttp is true.",
                "must be https:// (or http://) followed by a host name and an optional port, nothing else");
        clickHouseAllowPlainHttp = choice(clickHouse, "ClickHouseAllowPlainHttp", "false",
                "true lets an http:// ClickHouseUrl through: the password then crosses the network in clear, so only"
                        + " for a ClickHouse inside your own network",
                "false", "true");
        clickHouseUser = pattern(clickHouse, "ClickHouseUser", "default", CLICKHOUSE_USER,
                "ClickHouse user the functions connect as",
                "letters, digits and _ . @ - (1 to 128 characters)");
        clickHousePasswordSecretArn = pattern(clickHouse, "ClickHousePasswordSecretArn", null, SECRET_ARN,
                "Complete ARN (with its 6-character suffix) of the Secrets Manager secret holding the ClickHouse"
                        + " password, as plain text or as JSON with a \"password\" key. Only this secret is readable.",
                "a complete Secrets Manager secret ARN, ending in -XXXXXX");
        clickHousePasswordSecretKeyArn = pattern(clickHouse, "ClickHousePasswordSecretKmsKeyArn", "", KMS_KEY_ARN_OR_EMPTY,
                "ARN of the customer-managed KMS key the password secret is encrypted with; empty for the AWS-managed"
                        + " key. The functions may decrypt with it only through Secrets Manager.",
                "empty, or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias");
        clickHouseDatabase = pattern(clickHouse, "ClickHouseDatabase", "default", CLICKHOUSE_IDENTIFIER,
                "ClickHouse database of the target, checkpoint and error tables",
                "letters, digits and _, not starting with a digit");
        targetTable = pattern(clickHouse, "TargetTable", null, CLICKHOUSE_IDENTIFIER,
                "ClickHouse table the records are inserted into; it must exist",
                "letters, digits and _, not starting with a digit");
        recordFormat = choice(clickHouse, "RecordFormat", "JSON",
                "Format of the Kinesis record payloads: JSON objects, CSV or TSV lines, or RAW text into one column",
                "JSON", "CSV", "TSV", "RAW");
        unmatchedKeys = choice(clickHouse, "UnmatchedKeys", "ACCEPT",
                "JSON records with a key that names no column, or leaving out a column without a DEFAULT: ACCEPT inserts"
                        + " them (counted as UnknownKeys and MissingColumns), REJECT sends them to the error table",
                "ACCEPT", "REJECT");

        String source = "Source stream";
        existingStreamArn = pattern(source, "ExistingStreamArn", "", STREAM_ARN_OR_EMPTY,
                "ARN of an existing Kinesis data stream in this account and region. Leave empty to create a stream.",
                "empty, or a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)");
        streamMode = choice(source, "StreamMode", "PROVISIONED",
                "Capacity mode of the created stream (ignored with ExistingStreamArn)", "PROVISIONED", "ON_DEMAND");
        shardCount = number(source, "ShardCount", 1, 1, 10_000,
                "Shards of the created stream in PROVISIONED mode (ignored otherwise)");
        streamRetentionHours = number(source, "StreamRetentionHours", 24, 24, 8760,
                "Hours the created stream keeps records (ignored with ExistingStreamArn). With RetryAttempts and"
                        + " MaximumRecordAgeSeconds -1 a failing batch is retried this long before its records are lost.");
        streamKmsKeyArn = pattern(source, "StreamKmsKeyArn", "", KMS_KEY_ARN_OR_EMPTY,
                "ARN of the customer-managed KMS key the stream is encrypted with (a created stream is encrypted with"
                        + " it); empty for the AWS-managed key. The functions may decrypt with it only through Kinesis.",
                "empty, or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias");

        String mapping = "Event source mapping";
        startingPosition = choice(mapping, "StartingPosition", "TRIM_HORIZON",
                "Where the mapping starts reading a shard it has no position for", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");
        startingPositionTimestamp = number(mapping, "StartingPositionTimestamp", 0, 0, LATEST_STARTING_TIMESTAMP,
                "Unix time in seconds (not milliseconds) to start from, in the past: the mapping refuses a future"
                        + " time. Required with StartingPosition AT_TIMESTAMP, ignored otherwise");
        batchSize = number(mapping, "BatchSize", 1000, 1, 10_000,
                "Most records per invocation (and so per ClickHouse insert); the invocation payload is at most 6 MB");
        maxBatchingWindowSeconds = number(mapping, "MaxBatchingWindowSeconds", 1, 0, 300,
                "Seconds the mapping may wait to fill a batch; larger batches mean fewer, bigger ClickHouse inserts");
        parallelizationFactor = choiceOf(mapping, "ParallelizationFactor", "Number", "1",
                "Batches of one shard processed at once. Only 1 is allowed: Shardhouse's exactly-once checkpoint is a"
                        + " per-shard watermark, and with a factor above 1 the mapping runs several batches of the same"
                        + " shard concurrently, ordered only per partition key, so a later batch could commit before an"
                        + " earlier one. Throughput scales by adding shards instead.",
                List.of("1"));
        retryAttempts = number(mapping, "RetryAttempts", -1, -1, 10_000,
                "Retries of a failing batch before it is skipped and its metadata sent to the dead-letter queue;"
                        + " -1 retries until the records expire from the stream (nothing is skipped)");
        maximumRecordAgeSeconds = pattern(mapping, "MaximumRecordAgeSeconds", "-1", MAXIMUM_RECORD_AGE,
                "Records older than this are skipped and their batch metadata sent to the dead-letter queue;"
                        + " -1 means no limit (nothing is skipped)",
                "-1, or 60 to 604800 seconds");
        bisectBatchOnError = choice(mapping, "BisectBatchOnError", "false",
                "Split a failing batch in two and retry the halves. Undecodable records already go to the error table,"
                        + " so a failure means ClickHouse or the keeper is unavailable, where smaller batches do not help.",
                "true", "false");
        enhancedFanOut = choice(mapping, "EnhancedFanOut", "false",
                "true registers a stream consumer for the mapping (enhanced fan-out): its own 2 MB/s per shard, pushed,"
                        + " not shared with the stream's other readers, at an extra Kinesis charge. Switching it on or off"
                        + " replaces the mapping, which starts again at StartingPosition (README).",
                "false", "true");

        String functions = "Functions";
        ingestMemoryMb = number(functions, "IngestMemoryMb", 1024, 128, 10_240,
                "Memory of the ingest function in MB (CPU grows with it)");
        ingestTimeoutSeconds = number(functions, "IngestTimeoutSeconds", 120, 10, 900,
                "Timeout of one ingest invocation in seconds");
        ingestJitCompiler = choice(functions, "IngestJitCompiler", "C1",
                "JIT compiler of the ingest function: C1 is Lambda's default for Java 17 and 21 (the fastest cold start);"
                        + " C2 costs more CPU and memory on an instance's first batches, then maps records about twice"
                        + " as fast (BENCHMARKS.md), for streams whose functions stay warm",
                "C1", "C2");
        trackerSchedule = pattern(functions, "TrackerSchedule", "rate(1 minute)", SCHEDULE_EXPRESSION,
                "EventBridge schedule of the resharding tracker",
                "rate(1 minute|hour|day), rate(<n above 1> minutes|hours|days) or cron(...)");
        trackerMemoryMb = number(functions, "TrackerMemoryMb", 512, 128, 10_240,
                "Memory of the resharding tracker function in MB");
        stallMinutes = number(functions, "StallMinutes", 15, 1, 1440,
                "Minutes a shard's checkpoint may stand still while records arrive before the tracker reports it stalled");
        ingestSnapStart = choice(functions, "IngestSnapStart", "false",
                "true publishes a version of the ingest function with SnapStart (a snapshot of its initialised JVM,"
                        + " for fast cold starts) and has the mapping invoke it through an alias; init then runs when"
                        + " the version is published, so ClickHouse and the stream must be reachable at deploy time",
                "false", "true");
        logRetentionDays = choiceOf(functions, "LogRetentionDays", "Number", "30",
                "Days the functions' CloudWatch logs are kept", LOG_RETENTION_DAYS);

        String network = "Network";
        subnetIds = list(network, "SubnetIds", SUBNET_ID_OR_EMPTY,
                "Subnets (comma-separated ids) both functions run in, for a ClickHouse reachable only from a VPC; empty"
                        + " runs them outside any VPC. The subnets need a NAT gateway or interface endpoints for Kinesis,"
                        + " Secrets Manager, CloudWatch Logs and Monitoring (and KMS with a customer-managed key): README.",
                "empty, or subnet ids (subnet-0123abcd,...)");
        securityGroupIds = list(network, "SecurityGroupIds", SECURITY_GROUP_ID_OR_EMPTY,
                "Security groups (comma-separated ids) of the functions' network interfaces; required with SubnetIds,"
                        + " empty without. They must allow outbound HTTPS to ClickHouse and to the AWS endpoints.",
                "empty, or security group ids (sg-0123abcd,...)");

        requireTimestampWithAtTimestamp();
        requireTogether(subnetIds, securityGroupIds, "SubnetsNeedSecurityGroups");
        requireTogether(securityGroupIds, subnetIds, "SecurityGroupsNeedSubnets");
        Validations.of(stack).acknowledge(Acknowledgment.builder().id("CloudFormation-Validate::W2509")
                .reason("ClickHousePasswordSecretArn names the secret; the password itself never enters the template")
                .build());
        // Groups the parameters in the CloudFormation console, in declaration order.
        stack.addMetadata("AWS::CloudFormation::Interface", Map.of("ParameterGroups", groups.entrySet().stream()
                .map(group -> orderedMap("Label", Map.of("default", group.getKey()), "Parameters", group.getValue()))
                .toList()));
    }

    public ClickHouseConnection clickHouse() {
        return new ClickHouseConnection(clickHouseUrl.getValueAsString(), clickHouseAllowPlainHttp.getValueAsString(),
                clickHouseUser.getValueAsString(),
                clickHousePasswordSecretArn.getValueAsString(), clickHouseDatabase.getValueAsString());
    }

    /** The customer-managed key of the password secret, or empty. */
    public String secretKeyArn() {
        return clickHousePasswordSecretKeyArn.getValueAsString();
    }

    public String targetTable() {
        return targetTable.getValueAsString();
    }

    public String recordFormat() {
        return recordFormat.getValueAsString();
    }

    public String unmatchedKeys() {
        return unmatchedKeys.getValueAsString();
    }

    public StreamSource.Props streamSource() {
        return new StreamSource.Props(existingStreamArn.getValueAsString(), streamMode.getValueAsString(),
                shardCount.getValueAsNumber(), streamRetentionHours.getValueAsNumber(), streamKmsKeyArn.getValueAsString());
    }

    public EventSourceSettings eventSource() {
        return new EventSourceSettings(startingPosition.getValueAsString(), startingPositionTimestamp.getValueAsNumber(),
                batchSize.getValueAsNumber(), maxBatchingWindowSeconds.getValueAsNumber(),
                parallelizationFactor.getValueAsNumber(), retryAttempts.getValueAsNumber(),
                // A String parameter (its range has a hole), passed to a Number property.
                Token.asNumber(maximumRecordAgeSeconds.getValueAsString()), bisectBatchOnError.getValue());
    }

    /** {@code C1} or {@code C2}. */
    public String ingestJitCompiler() {
        return ingestJitCompiler.getValueAsString();
    }

    public FunctionSizing ingestSizing() {
        return new FunctionSizing(ingestMemoryMb.getValueAsNumber(), ingestTimeoutSeconds.getValueAsNumber());
    }

    /** The tracker's memory is a parameter; its timeout is fixed at one minute, the shortest schedule interval. */
    public FunctionSizing trackerSizing() {
        return new FunctionSizing(trackerMemoryMb.getValueAsNumber(), 60);
    }

    public String trackerSchedule() {
        return trackerSchedule.getValueAsString();
    }

    public String stallMinutes() {
        return stallMinutes.getValueAsString();
    }

    public Number logRetentionDays() {
        return logRetentionDays.getValueAsNumber();
    }

    /** {@code true} or {@code false}. */
    public String enhancedFanOut() {
        return enhancedFanOut.getValueAsString();
    }

    /** {@code true} or {@code false}. */
    public String ingestSnapStart() {
        return ingestSnapStart.getValueAsString();
    }

    /** Subnets and security groups: both given, or both empty. */
    public PrivateNetwork.Props network() {
        return new PrivateNetwork.Props(subnetIds.getValueAsList(), securityGroupIds.getValueAsList());
    }

    /**
     * Refuses the deployment when {@code given} has an entry and {@code needed} is empty or has an empty entry
     * ("a,,b"). Rules cannot join a list, but they can look for an empty entry in it.
     */
    private void requireTogether(CfnParameter given, CfnParameter needed, String ruleId) {
        CfnRule.Builder.create(stack, ruleId)
                .ruleCondition(Fn.conditionNot(Fn.conditionEachMemberEquals(given.getValueAsList(), "")))
                .assertions(List.of(CfnRuleAssertion.builder()
                        .assertValue(Fn.conditionNot(Fn.conditionContains(needed.getValueAsList(), "")))
                        .assertDescription(given.getLogicalId() + " needs " + needed.getLogicalId()
                                + " (comma-separated ids, no empty entry): a function in a VPC needs both")
                        .build()))
                .build();
    }

    /** CloudFormation rejects the deployment up front rather than letting the mapping fail to create. */
    private void requireTimestampWithAtTimestamp() {
        CfnRule.Builder.create(stack, "AtTimestampNeedsTimestamp")
                .ruleCondition(Fn.conditionEquals(startingPosition.getValueAsString(), "AT_TIMESTAMP"))
                .assertions(List.of(CfnRuleAssertion.builder()
                        .assertValue(Fn.conditionNot(Fn.conditionEquals(startingPositionTimestamp.getValueAsString(), "0")))
                        .assertDescription("StartingPosition AT_TIMESTAMP needs StartingPositionTimestamp (Unix seconds)")
                        .build()))
                .build();
    }

    private CfnParameter pattern(String group, String name, String defaultValue, String allowedPattern,
                                 String description, String constraintDescription) {
        CfnParameter.Builder builder = CfnParameter.Builder.create(stack, name).type("String").description(description)
                .allowedPattern(allowedPattern).constraintDescription(constraintDescription);
        if (defaultValue != null) {
            builder.defaultValue(defaultValue);
        }
        return declared(group, name, builder);
    }

    private CfnParameter list(String group, String name, String entryPattern, String description,
                              String constraintDescription) {
        return declared(group, name, CfnParameter.Builder.create(stack, name).type("CommaDelimitedList")
                .description(description).defaultValue("").allowedPattern(entryPattern)
                .constraintDescription(constraintDescription));
    }

    private CfnParameter choice(String group, String name, String defaultValue, String description, String... values) {
        return choiceOf(group, name, "String", defaultValue, description, List.of(values));
    }

    private CfnParameter choiceOf(String group, String name, String type, String defaultValue, String description,
                                  List<String> values) {
        return declared(group, name, CfnParameter.Builder.create(stack, name).type(type).description(description)
                .defaultValue(defaultValue).allowedValues(values));
    }

    private CfnParameter number(String group, String name, int defaultValue, int min, long max, String description) {
        CfnParameter.Builder builder = CfnParameter.Builder.create(stack, name).type("Number").description(description)
                .defaultValue(defaultValue).minValue(min).maxValue(max);
        return declared(group, name, builder);
    }

    private static Map<String, Object> orderedMap(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    private CfnParameter declared(String group, String name, CfnParameter.Builder builder) {
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(name);
        return builder.build();
    }
}
