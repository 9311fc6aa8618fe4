package dev.shardhouse.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.CfnStreamConsumer;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Version;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The ingest function behind a Kinesis event source mapping, with the dead-letter queue that receives the metadata
 * of batches the mapping gives up on (only when RetryAttempts or MaximumRecordAgeSeconds are finite).
 */
public final class IngestFunction extends Construct {

    static final String HANDLER = "dev.shardhouse.handler.IngestHandler::handleRequest";
    /** The JVM flags of Lambda's Java 17 and 21 runtimes: compilation stops at C1. */
    static final String C1_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    /** Compilation goes on to C2, as AWS suggests for compute-heavy functions. */
    static final String C2_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4";
    /** What the mapping needs to poll a stream, and the function to read a pending claim's records again. */
    static final List<String> STREAM_ACTIONS = List.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
            "kinesis:ListShards", "kinesis:GetShardIterator", "kinesis:GetRecords");

    /**
     * What the mapping needs to read through a registered consumer (enhanced fan-out), on that consumer only. The
     * stream actions stay: the mapping still lists shards, and the function reads a pending claim's records itself.
     */
    static final List<String> CONSUMER_ACTIONS = List.of("kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer");
    /** The alias the mapping invokes with SnapStart: a published version, which is what SnapStart snapshots. */
    static final String SNAPSHOT_ALIAS = "live";

    /**
     * @param logicalId      the function's logical id in the template, also its id for {@code sam local invoke}
     * @param enhancedFanOut "true" registers a stream consumer (dedicated 2 MB/s per shard, pushed) for the mapping
     * @param snapStart      "true" publishes a version with SnapStart, invoked through an alias
     */
    public record Props(String logicalId, Code code, ClickHouseConnection clickHouse, String targetTable,
                        String recordFormat, String unmatchedKeys, String metricsNamespace, StreamSource stream,
                        EventSourceSettings eventSource,
                        FunctionSizing sizing, String jitCompiler, Number logRetentionDays, String enhancedFanOut,
                        String snapStart) {
        public Props {
            Objects.requireNonNull(logicalId, "logicalId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(clickHouse, "clickHouse");
            Objects.requireNonNull(targetTable, "targetTable");
            Objects.requireNonNull(recordFormat, "recordFormat");
            Objects.requireNonNull(unmatchedKeys, "unmatchedKeys");
            Objects.requireNonNull(metricsNamespace, "metricsNamespace");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(eventSource, "eventSource");
            Objects.requireNonNull(sizing, "sizing");
            Objects.requireNonNull(jitCompiler, "jitCompiler");
            Objects.requireNonNull(logRetentionDays, "logRetentionDays");
            Objects.requireNonNull(enhancedFanOut, "enhancedFanOut");
            Objects.requireNonNull(snapStart, "snapStart");
        }
    }

    private final ShardhouseFunction function;
    private final Queue deadLetterQueue;

    public IngestFunction(Construct scope, String id, Props props) {
        super(scope, id);
        Map<String, String> environment = new LinkedHashMap<>(props.clickHouse().environment());
        environment.put("TARGET_TABLE", props.targetTable());
        environment.put("RECORD_FORMAT", props.recordFormat());
        environment.put("UNMATCHED_KEYS", props.unmatchedKeys());
        environment.put("METRICS_NAMESPACE", props.metricsNamespace());
        // The function looks the stream up during init (which Lambda runs at full CPU), not on its first batch.
        environment.put("STREAM_ARN", props.stream().streamArn());
        // The function checks at start-up that the table's deduplication window outlasts the mapping's retries.
        environment.put("MAXIMUM_RECORD_AGE_SECONDS", asText(props.eventSource().maximumRecordAgeSeconds()));
        environment.put("JAVA_TOOL_OPTIONS", javaToolOptions(props.jitCompiler()));
        function = new ShardhouseFunction(this, "Function", new ShardhouseFunction.Props(props.logicalId(),
                "Shardhouse: inserts Kinesis records into ClickHouse exactly once", HANDLER, props.code(), environment,
                props.sizing(), props.logRetentionDays()));
        NagSuppressions.suppress(function.function(), "Serverless-LambdaDLQ", "an event source mapping invokes the"
                + " function synchronously, where a function dead-letter queue never applies; the mapping's own"
                + " on-failure destination is the queue below");

        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        String isTheDeadLetterQueue = "this queue is itself the dead-letter destination of the event source mapping;"
                + " nothing consumes it, so there is nothing to redrive";
        NagSuppressions.suppress(deadLetterQueue, "AwsSolutions-SQS3", isTheDeadLetterQueue);
        NagSuppressions.suppress(deadLetterQueue, "Serverless-SQSRedrivePolicy", isTheDeadLetterQueue);

        props.stream().grant(function.role(), STREAM_ACTIONS);
        props.clickHouse().grantPasswordRead(function.role());
        // The mapping sends failed-batch metadata with the function's role.
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetterQueue.getQueueArn()))
                .build());

        CfnCondition fanOut = CfnCondition.Builder.create(this, "ReadsThroughConsumer")
                .expression(Fn.conditionEquals(props.enhancedFanOut(), "true"))
                .build();
        CfnStreamConsumer consumer = CfnStreamConsumer.Builder.create(this, "Consumer")
                .streamArn(props.stream().streamArn())
                // Unique per stream: two pipelines reading one stream each register their own.
                .consumerName(Fn.join("-", List.of(Aws.STACK_NAME, props.logicalId())))
                .build();
        consumer.getCfnOptions().setCondition(fanOut);
        ConditionalPolicy consumerRead = new ConditionalPolicy(this, "ConsumerRead", new ConditionalPolicy.Props(fanOut,
                List.of(PolicyStatement.Builder.create().actions(CONSUMER_ACTIONS)
                        .resources(List.of(consumer.getAttrConsumerArn())).build())));
        consumerRead.attachTo(function.role());

        CfnEventSourceMapping mapping = eventSourceMapping(props.eventSource(),
                Token.asString(Fn.conditionIf(fanOut.getLogicalId(), consumer.getAttrConsumerArn(),
                        props.stream().streamArn())),
                snapshotTarget(props.snapStart()));
        // Lambda checks the role's stream permissions when the mapping is created, and polls right after.
        mapping.getNode().addDependency(function.role());
        mapping.getNode().addDependency(props.stream().readable());
        mapping.getNode().addDependency(consumerRead.ready());
    }

    /**
     * With SnapStart, the function name the mapping invokes is an alias of a published version (SnapStart applies
     * to versions only); without, the function itself, as before. Whatever init froze into the snapshot must still
     * hold when restored: see README (SnapStart).
     */
    private String snapshotTarget(String snapStart) {
        CfnCondition fromSnapshot = CfnCondition.Builder.create(this, "StartsFromSnapshot")
                .expression(Fn.conditionEquals(snapStart, "true"))
                .build();
        CfnFunction resource = (CfnFunction) function.function().getNode().getDefaultChild();
        // Keys as CloudFormation spells them: inside Fn::If no property renderer converts them.
        resource.setSnapStart(Fn.conditionIf(fromSnapshot.getLogicalId(), Map.of("ApplyOn", "PublishedVersions"),
                Aws.NO_VALUE));
        // A new version whenever the function's code or configuration changes (its logical id hashes them).
        Version version = function.function().getCurrentVersion();
        ((CfnResource) version.getNode().getDefaultChild()).getCfnOptions().setCondition(fromSnapshot);
        Alias alias = Alias.Builder.create(this, "Live").aliasName(SNAPSHOT_ALIAS).version(version).build();
        ((CfnResource) alias.getNode().getDefaultChild()).getCfnOptions().setCondition(fromSnapshot);
        return Token.asString(Fn.conditionIf(fromSnapshot.getLogicalId(), alias.getFunctionArn(),
                function.function().getFunctionName()));
    }

    /** A number as an environment value: a parameter token as its string token, a plain number as its digits. */
    private static String asText(Number number) {
        return Token.isUnresolved(number) ? Token.asString(number) : Long.toString(number.longValue());
    }

    /** The JVM flags for the chosen compiler; Lambda passes JAVA_TOOL_OPTIONS to its JVM. */
    private String javaToolOptions(String jitCompiler) {
        CfnCondition c2 = CfnCondition.Builder.create(this, "CompilesWithC2")
                .expression(Fn.conditionEquals(jitCompiler, "C2"))
                .build();
        return Token.asString(Fn.conditionIf(c2.getLogicalId(), C2_OPTIONS, C1_OPTIONS));
    }

    /**
     * @param source   the stream, or the consumer registered on it
     * @param target   the function's name, or its alias' ARN
     */
    private CfnEventSourceMapping eventSourceMapping(EventSourceSettings settings, String source, String target) {
        CfnCondition atTimestamp = CfnCondition.Builder.create(this, "StartsAtTimestamp")
                .expression(Fn.conditionEquals(settings.startingPosition(), "AT_TIMESTAMP"))
                .build();
        return CfnEventSourceMapping.Builder.create(this, "EventSourceMapping")
                .functionName(target)
                .eventSourceArn(source)
                .enabled(true)
                .startingPosition(settings.startingPosition())
                .startingPositionTimestamp(Token.asNumber(Fn.conditionIf(atTimestamp.getLogicalId(),
                        settings.startingPositionTimestamp(), Aws.NO_VALUE)))
                .batchSize(settings.batchSize())
                .maximumBatchingWindowInSeconds(settings.maxBatchingWindowSeconds())
                .parallelizationFactor(settings.parallelizationFactor())
                .maximumRetryAttempts(settings.retryAttempts())
                .maximumRecordAgeInSeconds(settings.maximumRecordAgeSeconds())
                .bisectBatchOnFunctionError(settings.bisectBatchOnError())
                .functionResponseTypes(List.of("ReportBatchItemFailures"))
                .destinationConfig(CfnEventSourceMapping.DestinationConfigProperty.builder()
                        .onFailure(CfnEventSourceMapping.OnFailureProperty.builder()
                                .destination(deadLetterQueue.getQueueArn())
                                .build())
                        .build())
                .build();
    }

    public IFunction function() {
        return function.function();
    }

    public IRole role() {
        return function.role();
    }

    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }
}
