package dev.shardhouse.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/** The resharding tracker: a function on an EventBridge schedule that keeps shard lineage and checkpoints in step. */
public final class TrackerFunction extends Construct {

    static final String HANDLER = "dev.shardhouse.tracker.TrackerHandler::handleRequest";
    /**
     * The tracker reads the stream's summary (creation time, retention) and its shard list, and peeks one record past
     * a quiet checkpoint to tell a stalled shard from an idle one.
     */
    static final List<String> STREAM_ACTIONS = List.of("kinesis:DescribeStreamSummary", "kinesis:ListShards",
            "kinesis:GetShardIterator", "kinesis:GetRecords");

    /**
     * @param logicalId    the function's logical id in the template, also its id for {@code sam local invoke}
     * @param schedule     EventBridge schedule expression, e.g. rate(1 minute)
     * @param stallMinutes minutes without checkpoint progress before a shard counts as stalled (a string: it is an
     *                     environment value)
     */
    public record Props(String logicalId, Code code, ClickHouseConnection clickHouse, String targetTable, String metricsNamespace,
                        StreamSource stream, String schedule, String stallMinutes, FunctionSizing sizing,
                        Number logRetentionDays) {
        public Props {
            Objects.requireNonNull(logicalId, "logicalId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(clickHouse, "clickHouse");
            Objects.requireNonNull(targetTable, "targetTable");
            Objects.requireNonNull(metricsNamespace, "metricsNamespace");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(stallMinutes, "stallMinutes");
            Objects.requireNonNull(sizing, "sizing");
            Objects.requireNonNull(logRetentionDays, "logRetentionDays");
        }
    }

    private final ShardhouseFunction function;

    public TrackerFunction(Construct scope, String id, Props props) {
        super(scope, id);
        Map<String, String> environment = new LinkedHashMap<>(props.clickHouse().environment());
        environment.put("STREAM_ARN", props.stream().streamArn());
        environment.put("TARGET_TABLE", props.targetTable());
        environment.put("STALL_MINUTES", props.stallMinutes());
        environment.put("METRICS_NAMESPACE", props.metricsNamespace());
        function = new ShardhouseFunction(this, "Function", new ShardhouseFunction.Props(props.logicalId(),
                "Shardhouse: keeps shard lineage and checkpoints in step with resharding", HANDLER, props.code(),
                environment, props.sizing(), props.logRetentionDays()));

        props.stream().grant(function.role(), STREAM_ACTIONS);
        props.clickHouse().grantPasswordRead(function.role());

        Rule schedule = Rule.Builder.create(this, "Schedule")
                .description("Runs the Shardhouse resharding tracker")
                .schedule(Schedule.expression(props.schedule()))
                .targets(List.of(new LambdaFunction(function.function())))
                .build();
        String nextRunRepeats = "a scheduled event carries nothing to keep: a failed run is repeated in full by the"
                + " next one, and its error is in the function's logs, metrics and the Errors alarm";
        NagSuppressions.suppress(schedule, "Serverless-EventBusDLQ", nextRunRepeats);
        NagSuppressions.suppress(function.function(), "Serverless-LambdaDLQ", nextRunRepeats);
    }

    public IFunction function() {
        return function.function();
    }

    public IRole role() {
        return function.role();
    }
}
