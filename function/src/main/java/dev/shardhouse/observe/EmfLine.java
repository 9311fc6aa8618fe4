package dev.shardhouse.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured JSON log line that is also a CloudWatch Embedded Metric Format document: Lambda ships stdout to
 * CloudWatch Logs, which turns the declared metrics into CloudWatch metrics, and every other field stays
 * searchable in Logs Insights. So an operator gets the log line and the metrics from a single write.
 */
public final class EmfLine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final Map<String, MetricUnit> metricUnits = new LinkedHashMap<>();
    private final ObjectNode body = JSON.createObjectNode();

    public EmfLine(String namespace, String event) {
        this.namespace = namespace;
        body.put("event", event);
    }

    /** A dimension of every metric in this line (for example the stream name). */
    public EmfLine dimension(String name, String value) {
        dimensions.put(name, value);
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
        body.set(name, JSON.valueToTree(value));
        return this;
    }

    public String render(Clock clock) {
        ObjectNode aws = body.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        ArrayNode metrics = directive.putArray("Metrics");
        metricUnits.forEach((name, unit) -> metrics.addObject().put("Name", name).put("Unit", unit.cloudWatchName()));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a log line", e);
        } finally {
            body.remove("_aws");
        }
    }

    /** Writes the line to stdout, where Lambda's log agent picks it up. */
    public void emit() {
        System.out.println(render(Clock.systemUTC()));
    }
}
