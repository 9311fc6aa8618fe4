package dev.shardhouse.infra;

import java.nio.file.Path;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * Shardhouse: a Kinesis stream into ClickHouse, exactly once, configured entirely by stack parameters: one
 * {@link ShardhousePipeline} whose props are the parameters.
 */
public final class ShardhouseStack extends Stack {

    /** CloudWatch namespace of the functions' EMF metrics; set on both functions and used by alarms and dashboard. */
    static final String METRICS_NAMESPACE = "Shardhouse";

    /**
     * @param functionJar the shaded jar of the {@code function} module (any file in tests)
     */
    public ShardhouseStack(Construct scope, String id, StackProps props, Path functionJar) {
        super(scope, id, props);
        ShardhouseParameters parameters = new ShardhouseParameters(this);
        Code code = Code.fromAsset(functionJar.toString());
        // "Default" keeps the pipeline out of its resources' logical ids: they stay those of the stack before the
        // construct existed, so an update replaces nothing (a replaced stream would start empty).
        ShardhousePipeline pipeline = new ShardhousePipeline(this, "Default", ShardhousePipeline.Props
                .builder(code, parameters.clickHouse(), parameters.targetTable())
                .recordFormat(parameters.recordFormat())
                .unmatchedKeys(parameters.unmatchedKeys())
                .stream(parameters.streamSource())
                .eventSource(parameters.eventSource())
                .ingestSizing(parameters.ingestSizing())
                .ingestJitCompiler(parameters.ingestJitCompiler())
                .trackerSizing(parameters.trackerSizing())
                .trackerSchedule(parameters.trackerSchedule())
                .stallMinutes(parameters.stallMinutes())
                .logRetentionDays(parameters.logRetentionDays())
                .metricsNamespace(METRICS_NAMESPACE)
                .secretKeyArn(parameters.secretKeyArn())
                .functionIdPrefix("")
                .dashboardName(Aws.STACK_NAME)
                .network(parameters.network())
                .enhancedFanOut(parameters.enhancedFanOut())
                .ingestSnapStart(parameters.ingestSnapStart())
                .build("Default"));

        output("IngestFunctionName", pipeline.ingestFunction().getFunctionName(), "Ingest function (its logs and metrics)");
        output("TrackerFunctionName", pipeline.trackerFunction().getFunctionName(), "Resharding tracker function");
        output("DeadLetterQueueUrl", pipeline.deadLetterQueue().getQueueUrl(),
                "Queue receiving the metadata of batches the event source mapping skipped");
        output("DashboardUrl", pipeline.dashboardUrl(), "CloudWatch dashboard");
        output("AlarmTopicArn", pipeline.alarmTopic().getTopicArn(), "Subscribe to this topic to receive alarms");
        output("StreamArn", pipeline.streamArn(), "The Kinesis stream being ingested");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
