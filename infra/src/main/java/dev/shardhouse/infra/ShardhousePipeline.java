package dev.shardhouse.infra;

import java.util.List;
import java.util.Objects;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One Shardhouse pipeline: a Kinesis stream into one ClickHouse table, exactly once. Add it to a CDK app of your own
 * (several per stack work: each has its own functions, names, alarms and dashboard, and its checkpoints are scoped by
 * its database and table); {@link ShardhouseStack} is the parameterised app built from it. Values may be plain or
 * CloudFormation tokens.
 *
 * <pre>{@code
 * new ShardhousePipeline(stack, "Orders", ShardhousePipeline.Props.builder(Code.fromAsset(jar),
 *         new ClickHouseConnection("https://abc.eu-west-1.aws.clickhouse.cloud:8443", "false", "default",
 *                 passwordSecretArn, "analytics"), "orders")
 *     .existingStream("arn:aws:kinesis:eu-west-1:123456789012:stream/orders")
 *     .build("Orders"));
 * }</pre>
 */
public final class ShardhousePipeline extends Construct {

    /**
     * @param functionCode     the shaded jar of the {@code function} module
     * @param functionIdPrefix prefix of the two functions' logical ids ({@code <prefix>IngestFunction},
     *                         {@code <prefix>TrackerFunction}); distinct per pipeline of a stack
     * @param metricsNamespace CloudWatch namespace of the functions' metrics: give pipelines that read one stream
     *                         different ones, since the metrics' only dimension is the stream
     * @param secretKeyArn     customer-managed KMS key of the password secret, or empty
     * @param dashboardName    unique in the account and region
     * @param enhancedFanOut   "true": the mapping reads through a stream consumer of its own (README, Enhanced fan-out)
     * @param ingestSnapStart  "true": the ingest function starts from a SnapStart snapshot of a published version
     */
    public record Props(Code functionCode, ClickHouseConnection clickHouse, String targetTable, String recordFormat,
                        String unmatchedKeys, StreamSource.Props stream, EventSourceSettings eventSource, FunctionSizing ingestSizing,
                        String ingestJitCompiler, FunctionSizing trackerSizing, String trackerSchedule,
                        String stallMinutes, Number logRetentionDays, String metricsNamespace, String secretKeyArn,
                        String functionIdPrefix, String dashboardName, PrivateNetwork.Props network,
                        String enhancedFanOut, String ingestSnapStart) {
        public Props {
            Objects.requireNonNull(functionCode, "functionCode");
            Objects.requireNonNull(clickHouse, "clickHouse");
            Objects.requireNonNull(targetTable, "targetTable");
            Objects.requireNonNull(recordFormat, "recordFormat");
            Objects.requireNonNull(unmatchedKeys, "unmatchedKeys");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(eventSource, "eventSource");
            Objects.requireNonNull(ingestSizing, "ingestSizing");
            Objects.requireNonNull(ingestJitCompiler, "ingestJitCompiler");
            Objects.requireNonNull(trackerSizing, "trackerSizing");
            Objects.requireNonNull(trackerSchedule, "trackerSchedule");
            Objects.requireNonNull(stallMinutes, "stallMinutes");
            Objects.requireNonNull(logRetentionDays, "logRetentionDays");
            Objects.requireNonNull(metricsNamespace, "metricsNamespace");
            Objects.requireNonNull(secretKeyArn, "secretKeyArn");
            Objects.requireNonNull(functionIdPrefix, "functionIdPrefix");
            Objects.requireNonNull(dashboardName, "dashboardName");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(enhancedFanOut, "enhancedFanOut");
            Objects.requireNonNull(ingestSnapStart, "ingestSnapStart");
        }

        /** What must be said; everything else starts at the stack parameters' defaults. */
        public static Builder builder(Code functionCode, ClickHouseConnection clickHouse, String targetTable) {
            return new Builder(functionCode, clickHouse, targetTable);
        }
    }

    /** Props with the defaults of the stack's parameters (README, ShardhouseParameters). */
    public static final class Builder {
        private final Code functionCode;
        private final ClickHouseConnection clickHouse;
        private final String targetTable;
        private String recordFormat = "JSON";
        private String unmatchedKeys = "ACCEPT";
        private StreamSource.Props stream = new StreamSource.Props("", "PROVISIONED", 1, 24, "");
        private EventSourceSettings eventSource = new EventSourceSettings("TRIM_HORIZON", 0, 1000, 1, 1, -1, -1,
                Token.asAny(false));
        private FunctionSizing ingestSizing = new FunctionSizing(1024, 120);
        private String ingestJitCompiler = "C1";
        private FunctionSizing trackerSizing = new FunctionSizing(512, 60);
        private String trackerSchedule = "rate(1 minute)";
        private String stallMinutes = "15";
        private Number logRetentionDays = 30;
        private String metricsNamespace;
        private String secretKeyArn = "";
        private String functionIdPrefix;
        private String dashboardName;
        private PrivateNetwork.Props network = PrivateNetwork.Props.NONE;
        private String enhancedFanOut = "false";
        private String ingestSnapStart = "false";

        private Builder(Code functionCode, ClickHouseConnection clickHouse, String targetTable) {
            this.functionCode = functionCode;
            this.clickHouse = clickHouse;
            this.targetTable = targetTable;
        }

        public Builder recordFormat(String value) {
            recordFormat = value;
            return this;
        }

        /** ACCEPT (the default) or REJECT records whose keys and the table's columns do not match: MAPPING.md. */
        public Builder unmatchedKeys(String value) {
            unmatchedKeys = value;
            return this;
        }

        /** Reads this stream (default: a stream created with one shard). */
        public Builder existingStream(String streamArn) {
            stream = new StreamSource.Props(streamArn, stream.streamMode(), stream.shardCount(), stream.retentionHours(),
                    stream.keyArn());
            return this;
        }

        public Builder stream(StreamSource.Props value) {
            stream = value;
            return this;
        }

        public Builder eventSource(EventSourceSettings value) {
            eventSource = value;
            return this;
        }

        public Builder ingestSizing(FunctionSizing value) {
            ingestSizing = value;
            return this;
        }

        public Builder ingestJitCompiler(String value) {
            ingestJitCompiler = value;
            return this;
        }

        public Builder trackerSizing(FunctionSizing value) {
            trackerSizing = value;
            return this;
        }

        public Builder trackerSchedule(String value) {
            trackerSchedule = value;
            return this;
        }

        public Builder stallMinutes(String value) {
            stallMinutes = value;
            return this;
        }

        public Builder logRetentionDays(Number value) {
            logRetentionDays = value;
            return this;
        }

        public Builder metricsNamespace(String value) {
            metricsNamespace = value;
            return this;
        }

        public Builder secretKeyArn(String value) {
            secretKeyArn = value;
            return this;
        }

        public Builder functionIdPrefix(String value) {
            functionIdPrefix = value;
            return this;
        }

        public Builder dashboardName(String value) {
            dashboardName = value;
            return this;
        }

        /** Runs both functions in these subnets with these security groups (default: outside any VPC). */
        public Builder network(PrivateNetwork.Props value) {
            network = value;
            return this;
        }

        public Builder enhancedFanOut(String value) {
            enhancedFanOut = value;
            return this;
        }

        public Builder ingestSnapStart(String value) {
            ingestSnapStart = value;
            return this;
        }

        /** Unset names default to ones derived from the construct's id. */
        public Props build(String id) {
            return new Props(functionCode, clickHouse, targetTable, recordFormat, unmatchedKeys, stream, eventSource, ingestSizing,
                    ingestJitCompiler, trackerSizing, trackerSchedule, stallMinutes, logRetentionDays,
                    metricsNamespace != null ? metricsNamespace : "Shardhouse/" + id,
                    secretKeyArn, functionIdPrefix != null ? functionIdPrefix : id,
                    dashboardName != null ? dashboardName : Fn.join("-", List.of(Aws.STACK_NAME, id)), network,
                    enhancedFanOut, ingestSnapStart);
        }
    }

    private final StreamSource stream;
    private final IngestFunction ingest;
    private final TrackerFunction tracker;
    private final Monitoring monitoring;

    public ShardhousePipeline(Construct scope, String id, Props props) {
        super(scope, id);
        stream = new StreamSource(this, "Source", props.stream());
        ingest = new IngestFunction(this, "Ingest", new IngestFunction.Props(props.functionIdPrefix() + "IngestFunction",
                props.functionCode(), props.clickHouse(), props.targetTable(), props.recordFormat(),
                props.unmatchedKeys(), props.metricsNamespace(), stream, props.eventSource(), props.ingestSizing(), props.ingestJitCompiler(),
                props.logRetentionDays(), props.enhancedFanOut(), props.ingestSnapStart()));
        tracker = new TrackerFunction(this, "Tracker", new TrackerFunction.Props(props.functionIdPrefix() + "TrackerFunction",
                props.functionCode(), props.clickHouse(), props.targetTable(), props.metricsNamespace(), stream,
                props.trackerSchedule(), props.stallMinutes(), props.trackerSizing(), props.logRetentionDays()));
        KeyDecryptGrant secretKey = new KeyDecryptGrant(this, "SecretKey",
                new KeyDecryptGrant.Props(props.secretKeyArn(), "secretsmanager"));
        secretKey.attachTo(ingest.role());
        secretKey.attachTo(tracker.role());
        if (!props.network().none()) {
            PrivateNetwork network = new PrivateNetwork(this, "Network", props.network());
            network.place(ingest.function(), ingest.role());
            network.place(tracker.function(), tracker.role());
        }
        monitoring = new Monitoring(this, "Monitoring", new Monitoring.Props(ingest.function(), tracker.function(),
                ingest.deadLetterQueue(), stream.streamName(), props.metricsNamespace(), props.dashboardName()));
    }

    public IFunction ingestFunction() {
        return ingest.function();
    }

    public IFunction trackerFunction() {
        return tracker.function();
    }

    public IQueue deadLetterQueue() {
        return ingest.deadLetterQueue();
    }

    public ITopic alarmTopic() {
        return monitoring.alarmTopic();
    }

    public String dashboardUrl() {
        return monitoring.dashboardUrl();
    }

    public String streamArn() {
        return stream.streamArn();
    }
}
