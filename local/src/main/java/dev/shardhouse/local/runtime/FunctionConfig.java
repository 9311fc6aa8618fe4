package dev.shardhouse.local.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The function as Lambda would know it.
 *
 * @param name        function name
 * @param handler     {@code class::method}, e.g. {@code dev.shardhouse.handler.IngestHandler::handleRequest}
 * @param timeout     how long one invocation may run
 * @param memoryMb    memory size; the runtime's heap is sized from it as Lambda's Java runtime does
 * @param region      the region the function runs in
 * @param environment the function's environment variables
 */
public record FunctionConfig(String name, String handler, Duration timeout, int memoryMb, String region,
                             Map<String, String> environment) {

    /** The account local ARNs use. */
    static final String LOCAL_ACCOUNT = "000000000000";

    public FunctionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(region, "region");
        environment = Map.copyOf(environment);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("function timeout must be 1 s to 15 min, not " + timeout);
        }
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException("function memory must be 128 to 10240 MB, not " + memoryMb);
        }
    }

    public String functionArn() {
        return "arn:aws:lambda:" + region + ":" + LOCAL_ACCOUNT + ":function:" + name;
    }

    public String logGroupName() {
        return "/aws/lambda/" + name;
    }
}
