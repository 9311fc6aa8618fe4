package dev.shardhouse.local.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** What one invocation of the function returned: its response document, or the error Lambda would report. */
public sealed interface InvocationResult {

    /** The function returned; {@code body} is its serialized return value (possibly {@code null} as JSON). */
    record Response(byte[] body) implements InvocationResult {
        public Response {
            Objects.requireNonNull(body, "body");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Response" + text();
        }
    }

    /**
     * The invocation failed: the function threw ({@code errorType} is the exception class), its runtime exited
     * ({@code Runtime.ExitError}) or it ran out of time ({@code Sandbox.Timedout}), in Lambda's terms.
     */
    record FunctionError(String errorType, String errorMessage) implements InvocationResult {
        public FunctionError {
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(errorMessage, "errorMessage");
        }

        @Override
        public String toString() {
            return errorType + ": " + errorMessage;
        }
    }
}
