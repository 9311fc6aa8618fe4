package dev.shardhouse.local.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One execution environment: a runtime process and its Runtime API, one invocation at a time. The process starts on
 * the first invocation (a cold start) and again after it died, was killed or timed out, as Lambda replaces a broken
 * environment. Its output lines (the function's logs) go to a sink.
 */
final class RuntimeEnvironment implements AutoCloseable {

    static final String EXIT_ERROR = "Runtime.ExitError";
    static final String TIMEOUT_ERROR = "Sandbox.Timedout";
    /** Lambda allows 10 s to initialize; this machine is shared and slow to start JVMs, so it gets more. */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(60);

    private final RuntimeLaunch launch;
    private final FunctionConfig function;
    private final Consumer<String> logs;
    private final Path taskRoot;
    private LocalRuntimeApi api;
    private Process process;
    private volatile int starts;

    RuntimeEnvironment(RuntimeLaunch launch, FunctionConfig function, Consumer<String> logs) {
        this.launch = launch;
        this.function = function;
        this.logs = logs;
        try {
            this.taskRoot = Files.createTempDirectory("shardhouse-task-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a task directory for the runtime", e);
        }
    }

    /** How many times a runtime process was started. */
    int starts() {
        return starts;
    }

    /**
     * Invokes the function; with {@code killAfter} not null, kills the process with SIGKILL once that long has
     * passed without an answer. A process that does not answer within the function's timeout is killed too.
     */
    KillableInvoker.KillResult invoke(byte[] event, Duration killAfter) throws InterruptedException {
        startIfNeeded();
        Process running;
        LocalRuntimeApi runningApi;
        synchronized (this) {
            running = process;
            runningApi = api;
        }
        String requestId = UUID.randomUUID().toString();
        LocalRuntimeApi.Pending pending = runningApi.submit(
                new LocalRuntimeApi.Invocation(requestId, event, function.timeout(), function.functionArn(), traceId()));
        CompletableFuture<InvocationResult> result = pending.result();
        running.onExit().thenRun(() -> result.complete(exitError(requestId, running, runningApi)));
        try {
            if (!done(CompletableFuture.anyOf(pending.taken(), result), INIT_LIMIT.toMillis())) {
                // Reported before the kill, which would otherwise be reported as an exit.
                result.complete(new InvocationResult.FunctionError(TIMEOUT_ERROR, "RequestId: " + requestId
                        + " Error: the runtime did not ask for the event within " + INIT_LIMIT.toSeconds() + " s of starting"));
                kill(running);
            }
            if (!result.isDone()) {
                if (killAfter != null && !done(result, killAfter.toMillis())) {
                    kill(running);
                    InvocationResult outcome = result.get();
                    return new KillableInvoker.KillResult(outcome, isExit(outcome));
                }
                if (!done(result, pending.taken().get() - System.currentTimeMillis())) {
                    result.complete(new InvocationResult.FunctionError(TIMEOUT_ERROR, "RequestId: " + requestId
                            + " Error: Task timed out after " + function.timeout().toMillis() / 1000.0 + " seconds"));
                    kill(running);
                }
            }
            return new KillableInvoker.KillResult(result.get(), false);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the invocation " + requestId + " failed inside the local Lambda", e.getCause());
        } finally {
            if (!running.isAlive()) {
                stopRuntime();
            }
        }
    }

    @Override
    public void close() {
        stopRuntime();
        // The runtime may have left files there: a JVM that crashed writes its hs_err_pid*.log into its directory.
        try (Stream<Path> files = Files.walk(taskRoot)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (NoSuchFileException alreadyGone) {
            // Nothing to clean up.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the task directory " + taskRoot, e);
        }
    }

    private synchronized void startIfNeeded() {
        if (process != null && process.isAlive()) {
            return;
        }
        stopRuntime();
        api = LocalRuntimeApi.start();
        process = launch.start(function, api.address(), taskRoot);
        starts++;
        Process started = process;
        Thread pump = new Thread(() -> pumpLogs(started), "local-runtime-logs-" + started.pid());
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpLogs(Process source) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(logs);
        } catch (IOException | UncheckedIOException e) {
            // The process is gone; so are its remaining lines.
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private synchronized void stopRuntime() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
    }

    private static boolean done(CompletableFuture<?> future, long withinMillis)
            throws InterruptedException, ExecutionException {
        try {
            future.get(Math.max(0, withinMillis), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Lambda's report of a runtime that exited mid-invocation, or of the init error it reported before exiting. */
    private static InvocationResult.FunctionError exitError(String requestId, Process process, LocalRuntimeApi api) {
        if (api.initError() != null) {
            return api.initError();
        }
        int status = process.exitValue();
        String how = switch (status) {
            case 128 + 9 -> "signal: killed";
            case 128 + 15 -> "signal: terminated";
            default -> status > 128 ? "signal: " + (status - 128) : "exit status " + status;
        };
        return new InvocationResult.FunctionError(EXIT_ERROR, "RequestId: " + requestId + " Error: Runtime exited with error: " + how);
    }

    private static boolean isExit(InvocationResult result) {
        return result instanceof InvocationResult.FunctionError error && error.errorType().equals(EXIT_ERROR);
    }

    /** An X-Ray trace header: {@code Root=1-<epoch seconds hex>-<96 random bits hex>;Parent=...;Sampled=0}. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }
}
