package dev.shardhouse.infra;

import java.nio.file.Path;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/** Shardhouse: a Kinesis stream into ClickHouse, exactly once, configured entirely by stack parameters. */
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
        ClickHouseConnection clickHouse = parameters.clickHouse();

        StreamSource stream = new StreamSource(this, "Source", parameters.streamSource());
        IngestFunction ingest = new IngestFunction(this, "Ingest", new IngestFunction.Props(code, clickHouse,
                parameters.targetTable(), parameters.recordFormat(), METRICS_NAMESPACE, stream,
                parameters.eventSource(), parameters.ingestSizing(), parameters.ingestJitCompiler(),
                parameters.logRetentionDays()));
        TrackerFunction tracker = new TrackerFunction(this, "Tracker", new TrackerFunction.Props(code, clickHouse,
                parameters.targetTable(), METRICS_NAMESPACE, stream, parameters.trackerSchedule(),
                parameters.stallMinutes(), parameters.trackerSizing(), parameters.logRetentionDays()));
        KeyDecryptGrant secretKey = new KeyDecryptGrant(this, "SecretKey",
                new KeyDecryptGrant.Props(parameters.secretKeyArn(), "secretsmanager"));
        secretKey.attachTo(ingest.role());
        secretKey.attachTo(tracker.role());
        Monitoring monitoring = new Monitoring(this, "Monitoring", new Monitoring.Props(ingest.function(),
                tracker.function(), ingest.deadLetterQueue(), stream.streamName(), METRICS_NAMESPACE));

        output("IngestFunctionName", ingest.function().getFunctionName(), "Ingest function (its logs and metrics)");
        output("TrackerFunctionName", tracker.function().getFunctionName(), "Resharding tracker function");
        output("DeadLetterQueueUrl", ingest.deadLetterQueue().getQueueUrl(),
                "Queue receiving the metadata of batches the event source mapping skipped");
        output("DashboardUrl", monitoring.dashboardUrl(), "CloudWatch dashboard");
        output("AlarmTopicArn", monitoring.alarmTopic().getTopicArn(), "Subscribe to this topic to receive alarms");
        output("StreamArn", stream.streamArn(), "The Kinesis stream being ingested");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
