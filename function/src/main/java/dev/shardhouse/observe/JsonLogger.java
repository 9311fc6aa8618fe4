package dev.shardhouse.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger writing {@link JsonLog} lines: the libraries' output (ClickHouse client, AWS SDK) in our format. */
final class JsonLogger extends LegacyAbstractLogger {

    private final Level threshold;

    JsonLogger(String name, Level threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    /**
     * The ClickHouse client logs {@code WARN … Retrying.} with a stack trace for errors Shardhouse handles itself (an
     * expected KeeperMap conflict among them), and its failures reach us as exceptions anyway: only its errors print.
     */
    static Level thresholdOf(String name) {
        return name.startsWith("com.clickhouse") ? Level.ERROR : Level.INFO;
    }

    static String line(String logger, Level level, String message, Throwable error) {
        ObjectNode line = JsonLog.line(level);
        line.put("logger", logger);
        line.put("message", message);
        if (error != null) {
            JsonLog.error(line, error);
        }
        return JsonLog.render(line);
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable error) {
        JsonLog.print(line(name, level, MessageFormatter.basicArrayFormat(pattern, arguments), error));
    }
}
