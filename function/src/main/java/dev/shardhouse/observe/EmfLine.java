package dev.shardhouse.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * One structured JSON log line that is also a CloudWatch Embedded Metric Format document: Lambda ships stdout to
 * CloudWatch Logs, which turns the declared metrics into CloudWatch metrics, and every other field stays
 * searchable in Logs Insights. So an operator gets the log line and the metrics from a single write. A line without
 * metrics is a plain {@link JsonLog} line, with no EMF block to declare nothing.
 */
public final class EmfLine {

    private final String namespace;
    private final Level level;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final Map<String, MetricUnit> metricUnits = new LinkedHashMap<>();
    private final ObjectNode body = JsonLog.NODES.objectNode();

    /** @param event the line's name, in snake_case */
    public EmfLine(String namespace, Level level, String event) {
        this.namespace = namespace;
        this.level = level;
        body.put("event", event);
    }

    /** An INFO line. */
    public EmfLine(String namespace, String event) {
        this(namespace, Level.INFO, event);
    }

    /** A dimension of every metric in this line (for example the stream name). */
    public EmfLine dimension(String name, String value) {
        dimensions.put(name, value);
        body.put(name, value);
        return this;
    }

    /** A count, printed as a whole number. */
    public EmfLine metric(String name, long value, MetricUnit unit) {
        metricUnits.put(name, unit);
        body.put(name, value);
        return this;
    }

    public EmfLine metric(String name, double value, MetricUnit unit) {
        metricUnits.put(name, unit);
        body.put(name, value);
        return this;
    }

    /** A field that is logged but is not a metric. */
    public EmfLine field(String name, Object value) {
        body.set(name, JsonLog.tree(value));
        return this;
    }

    /** The error's type, message and stack trace, each a field. */
    public EmfLine error(Throwable error) {
        JsonLog.error(body, error);
        return this;
    }

    public String render(Clock clock) {
        ObjectNode line = JsonLog.line(level);
        line.setAll(body);
        if (!metricUnits.isEmpty()) {
            ObjectNode aws = line.putObject("_aws");
            aws.put("Timestamp", clock.millis());
            ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
            directive.put("Namespace", namespace);
            ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
            dimensions.keySet().forEach(dimensionSet::add);
            ArrayNode metrics = directive.putArray("Metrics");
            metricUnits.forEach((name, unit) -> metrics.addObject().put("Name", name).put("Unit", unit.cloudWatchName()));
        }
        return JsonLog.render(line);
    }

    /** Writes the line to stdout, where Lambda's log agent picks it up. */
    public void emit() {
        JsonLog.print(render(Clock.systemUTC()));
    }
}
