package dev.shardhouse.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.event.Level;

/**
 * Where every line the functions print goes: one JSON object per line on stdout, so that CloudWatch keeps each line
 * (a stack trace included) as one entry, and each carries the request id of the invocation that printed it.
 */
public final class JsonLog {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Lambda runs one invocation at a time per process, so one id, set by the handler, holds for all its threads. */
    private static volatile String requestId;

    private JsonLog() {
    }

    /** The request id of the invocation now running; {@code null} during the init phase. */
    public static void requestId(String id) {
        requestId = id;
    }

    static ObjectNode line(Level level) {
        ObjectNode line = JSON.createObjectNode();
        line.put("level", level.name());
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        return line;
    }

    /** The error's type, message and stack trace (causes included) as fields of their own. */
    static void error(ObjectNode line, Throwable error) {
        line.put("errorType", error.getClass().getName());
        line.put("errorMessage", error.getMessage());
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        line.put("stackTrace", trace.toString());
    }

    static String render(ObjectNode line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a log line", e);
        }
    }

    static void print(String rendered) {
        System.out.println(rendered);
    }
}
