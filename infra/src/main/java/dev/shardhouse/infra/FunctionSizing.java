package dev.shardhouse.infra;

import java.util.Objects;

/** Memory (MB) and timeout (seconds) of a function; numbers or parameter tokens. */
public record FunctionSizing(Number memoryMb, Number timeoutSeconds) {
    public FunctionSizing {
        Objects.requireNonNull(memoryMb, "memoryMb");
        Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
    }
}
