package dev.shardhouse.local.runtime;

import java.time.Duration;

/** An invoker whose function runs in a process it can kill, as an execution environment can die mid-invocation. */
public interface KillableInvoker extends FunctionInvoker {

    /** The invocation's result, and whether the process was killed before the function answered. */
    record KillResult(InvocationResult result, boolean killed) {
    }

    /** Invokes, and kills the function's process with SIGKILL after {@code killAfter} if it has not answered by then. */
    KillResult invokeAndKill(byte[] event, Duration killAfter) throws InterruptedException;
}
