package dev.shardhouse.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Alarms on what needs a human (the pipeline falling behind, failing functions, skipped batches, records the
 * error table caught) published to one SNS topic, and a dashboard of the functions' EMF metrics.
 */
public final class Monitoring extends Construct {

    /** The pipeline is behind when the oldest record of a batch waited longer than this. */
    static final Duration ITERATOR_AGE_LIMIT = Duration.minutes(5);
    private static final Duration PERIOD = Duration.minutes(1);
    private static final Duration ALARM_PERIOD = Duration.minutes(5);
    /** A mapping polls every second: three empty periods while records arrive are no coincidence. */
    private static final int MAPPING_STOPPED_PERIODS = 3;

    /**
     * @param streamName       value of the {@code Stream} dimension the functions put on their EMF metrics
     * @param metricsNamespace namespace of the functions' EMF metrics (their METRICS_NAMESPACE)
     * @param dashboardName    unique in the account and region
     */
    public record Props(IFunction ingest, IFunction tracker, IQueue deadLetterQueue, String streamName,
                        String metricsNamespace, String dashboardName) {
        public Props {
            Objects.requireNonNull(dashboardName, "dashboardName");
            Objects.requireNonNull(ingest, "ingest");
            Objects.requireNonNull(tracker, "tracker");
            Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
            Objects.requireNonNull(streamName, "streamName");
            Objects.requireNonNull(metricsNamespace, "metricsNamespace");
        }
    }

    private final Props props;
    private final Topic alarmTopic;
    private final Dashboard dashboard;

    public Monitoring(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        // Publishers must use TLS (a topic policy denying aws:SecureTransport false).
        alarmTopic = Topic.Builder.create(this, "AlarmTopic").displayName("Shardhouse alarms").enforceSsl(true).build();

        Metric iteratorAge = props.ingest().metric("IteratorAge", options("Maximum"));
        Metric ingestErrors = props.ingest().metricErrors(options("Sum"));
        Metric trackerErrors = props.tracker().metricErrors(options("Sum"));
        Metric deadLetters = props.deadLetterQueue().metricApproximateNumberOfMessagesVisible(options("Maximum"));
        Metric recordsFailed = emf("RecordsFailed", "Sum");
        Metric ingestThrottles = props.ingest().metricThrottles(options("Sum"));

        List<IAlarm> alarms = List.of(
                alarm("IteratorAgeAlarm", iteratorAge, ITERATOR_AGE_LIMIT.toMilliseconds(),
                        "Ingest is falling behind the stream: the oldest record of a batch waited over "
                                + ITERATOR_AGE_LIMIT.toMinutes() + " minutes. Check ingest errors and ClickHouse."),
                alarm("IngestErrorsAlarm", ingestErrors, 0,
                        "The ingest function failed; the mapping retries the batch. Its log names the cause."),
                alarm("TrackerErrorsAlarm", trackerErrors, 0,
                        "The resharding tracker failed; shard lineage and checkpoints are not being kept in step."),
                alarm("DeadLetterAlarm", deadLetters, 0,
                        "The mapping skipped a batch (RetryAttempts or MaximumRecordAgeSeconds reached); the queue holds"
                                + " its shard and sequence range. Those records are NOT in ClickHouse."),
                alarm("ErrorTableAlarm", recordsFailed, 0,
                        "Records could not be decoded or mapped and went to the error table instead of the target table."),
                alarm("StalledShardsAlarm", emf("StalledShards", "Maximum"), 0,
                        "The tracker found a shard whose checkpoint stood still for StallMinutes while records waited:"
                                + " its batches fail or are not delivered. Check the ingest function's batch_failed lines."),
                alarm("IngestThrottlesAlarm", ingestThrottles, 0,
                        "The ingest function was throttled (account or reserved concurrency): the mapping waits and"
                                + " retries, and the pipeline falls behind. Raise the concurrency available to it."),
                mappingStoppedAlarm());

        dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(props.dashboardName()).build();
        dashboard.addWidgets(
                graph("Records", emf("RecordsInserted", "Sum"), emf("DuplicatesSkipped", "Sum"), recordsFailed),
                graph("Batch time (ms)", emf("BatchMillis", "Average"), emf("BatchMillis", "p99")),
                graph("Iterator age (ms)", iteratorAge));
        dashboard.addWidgets(
                graph("Ingest function", props.ingest().metricInvocations(options("Sum")), ingestErrors,
                        ingestThrottles),
                graph("Tracker function", props.tracker().metricInvocations(options("Sum")), trackerErrors),
                graph("Dead-letter queue", deadLetters));
        dashboard.addWidgets(
                graph("Shards", emf("OpenShards", "Maximum"), emf("ClosedShards", "Maximum"),
                        emf("StalledShards", "Maximum")),
                graph("Reshard events", emf("ReshardEvents", "Sum")),
                AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(8).build());
    }

    public Topic alarmTopic() {
        return alarmTopic;
    }

    public String dashboardUrl() {
        return Fn.join("", List.of("https://", Aws.REGION, ".console.aws.amazon.com/cloudwatch/home?region=",
                Aws.REGION, "#dashboards:name=", dashboard.getDashboardName()));
    }

    private Metric emf(String name, String statistic) {
        return Metric.Builder.create()
                .namespace(props.metricsNamespace())
                .metricName(name)
                .dimensionsMap(Map.of("Stream", props.streamName()))
                .statistic(statistic)
                .period(PERIOD)
                .build();
    }

    private static MetricOptions options(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
    }

    /** Alarms when the metric exceeds the threshold over five minutes; no data (nothing ran) is not a breach. */
    private IAlarm alarm(String id, Metric metric, Number threshold, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric.with(MetricOptions.builder().period(ALARM_PERIOD).build()))
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(new SnsAction(alarmTopic));
        alarm.addOkAction(new SnsAction(alarmTopic));
        return alarm;
    }

    /**
     * Records arrive but the mapping invokes nothing: it is disabled, deleted, or failing before any invocation (a
     * permission it lacks). IteratorAge cannot tell, since it has no data without invocations; here the missing
     * invocations count as zero, which is exactly the failure.
     */
    private IAlarm mappingStoppedAlarm() {
        Metric incoming = Metric.Builder.create().namespace("AWS/Kinesis").metricName("IncomingRecords")
                .dimensionsMap(Map.of("StreamName", props.streamName())).statistic("Sum").period(ALARM_PERIOD).build();
        Metric invocations = props.ingest().metricInvocations(MetricOptions.builder().statistic("Sum")
                .period(ALARM_PERIOD).build());
        MathExpression stopped = MathExpression.Builder.create()
                .expression("IF(FILL(incoming, 0) > 0 AND FILL(invocations, 0) == 0, 1, 0)")
                .usingMetrics(Map.of("incoming", incoming, "invocations", invocations))
                .label("Records arrived, no invocation")
                .period(ALARM_PERIOD)
                .build();
        Alarm alarm = Alarm.Builder.create(this, "MappingStoppedAlarm")
                .metric(stopped)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(MAPPING_STOPPED_PERIODS)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription("Records arrived in the stream for " + MAPPING_STOPPED_PERIODS * ALARM_PERIOD.toMinutes().intValue()
                        + " minutes and the ingest function was not invoked once: check that the event source mapping"
                        + " is enabled and its last processing result (aws lambda list-event-source-mappings).")
                .build();
        alarm.addAlarmAction(new SnsAction(alarmTopic));
        alarm.addOkAction(new SnsAction(alarmTopic));
        return alarm;
    }

    private static IWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build();
    }
}
