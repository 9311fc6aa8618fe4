package dev.shardhouse.local.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs the packaged function as Lambda does: in separate JVMs started by the Runtime Interface Client, each behind
 * its own local Runtime API ({@link RuntimeEnvironment}). Up to {@code environments} invocations run at once; more
 * wait for a free environment, like a function with that much reserved concurrency.
 */
public final class RuntimeInvoker implements KillableInvoker {

    private final List<RuntimeEnvironment> all = new ArrayList<>();
    private final BlockingQueue<RuntimeEnvironment> idle;
    private final Thread killOnExit;

    /**
     * @param logs receives every output line of every runtime process (the function's logs); called from several
     *             threads
     */
    public RuntimeInvoker(RuntimeLaunch launch, FunctionConfig function, int environments, Consumer<String> logs) {
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(logs, "logs");
        if (environments < 1) {
            throw new IllegalArgumentException("environments must be at least 1, not " + environments);
        }
        idle = new ArrayBlockingQueue<>(environments);
        for (int i = 0; i < environments; i++) {
            RuntimeEnvironment environment = new RuntimeEnvironment(launch, function, logs);
            all.add(environment);
            idle.add(environment);
        }
        // Runtime processes must not outlive this JVM, even when it is stopped with Ctrl-C.
        killOnExit = new Thread(this::closeEnvironments, "local-runtime-shutdown");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    @Override
    public InvocationResult invoke(byte[] event) throws InterruptedException {
        return run(event, null).result();
    }

    @Override
    public KillResult invokeAndKill(byte[] event, Duration killAfter) throws InterruptedException {
        return run(event, Objects.requireNonNull(killAfter, "killAfter"));
    }

    /** Runtime processes started so far (cold starts, restarts after kills included). */
    public int processStarts() {
        return all.stream().mapToInt(RuntimeEnvironment::starts).sum();
    }

    @Override
    public void close() {
        closeEnvironments();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // Closed by the hook itself.
        }
    }

    private KillResult run(byte[] event, Duration killAfter) throws InterruptedException {
        RuntimeEnvironment environment = idle.take();
        try {
            return environment.invoke(event, killAfter);
        } finally {
            idle.add(environment);
        }
    }

    /** Closes every environment, even when one fails to close, then reports the first failure. */
    private void closeEnvironments() {
        RuntimeException failure = null;
        for (RuntimeEnvironment environment : all) {
            try {
                environment.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
