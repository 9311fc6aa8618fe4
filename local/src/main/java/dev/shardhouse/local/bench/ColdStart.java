package dev.shardhouse.local.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.shardhouse.local.runtime.FunctionConfig;
import dev.shardhouse.local.runtime.InvocationResult;
import dev.shardhouse.local.runtime.RuntimeInvoker;
import dev.shardhouse.local.runtime.RuntimeLaunch;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import dev.shardhouse.testing.LocalServices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start through Lambda's Java runtime: the packaged function jar, started by the Runtime Interface Client
 * behind a local Runtime API ({@code dev.shardhouse.local}), timed from the start of its runtime process to the
 * response of its first invocation. The handler returns only once the batch is committed, so that is "process
 * start to first batch committed". Each measurement starts a new process on a new batch.
 */
final class ColdStart {

    static final int BATCH_RECORDS = 100;
    private static final int RECORD_BYTES = 1024;
    private static final int MEMORY_MB = 1024;
    /** How long the process's batch line may trail its response (its output is read on another thread). */
    private static final Duration LOG_PATIENCE = Duration.ofSeconds(30);

    private final RuntimeLaunch launch;
    private final FunctionConfig function;
    private final String streamArn;
    private long nextId = 1;

    ColdStart(Path functionJar, String database, String table, String checkpointTable, String streamArn) {
        Map<String, String> environment = new HashMap<>(ShardhouseHandlers.environment(database, table, checkpointTable));
        // The AWS SDK's endpoint variable for one service: the function talks to the local Kinesis.
        environment.put("AWS_ENDPOINT_URL_KINESIS", LocalServices.kinesisEndpoint());
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("STREAM_ARN", streamArn); // as the CDK stack sets it
        // Options for the runtime JVM only, to profile a cold start; Lambda's runtime honours the same variable.
        String runtimeOptions = System.getenv("BENCH_RUNTIME_JAVA_OPTS");
        if (runtimeOptions != null && !runtimeOptions.isBlank()) {
            environment.put("JAVA_TOOL_OPTIONS", runtimeOptions);
        }
        this.launch = RuntimeLaunch.of(functionJar.toAbsolutePath(), System.getProperty("java.class.path"));
        this.function = new FunctionConfig("bench-ingest", "dev.shardhouse.handler.IngestHandler::handleRequest",
                Duration.ofMinutes(2), MEMORY_MB, "us-east-1", environment);
        this.streamArn = streamArn;
    }

    /** {@code times} cold starts. */
    List<Sample> measure(int times) throws InterruptedException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            byte[] event = json(BenchEvents.of(Batch.generate(nextId, BATCH_RECORDS, RECORD_BYTES), streamArn));
            nextId += BATCH_RECORDS;
            List<String> logs = new ArrayList<>();
            try (RuntimeInvoker invoker = new RuntimeInvoker(launch, function, 1, line -> {
                synchronized (logs) {
                    logs.add(line);
                    logs.notifyAll();
                }
            })) {
                long start = System.nanoTime();
                InvocationResult result = invoker.invoke(event);
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (!(result instanceof InvocationResult.Response)) {
                    throw new IllegalStateException("the cold-started function failed: " + result + "; its output: " + logs);
                }
                BatchLog batch = BatchLog.await(logs, LOG_PATIENCE);
                if (batch.inserted() != BATCH_RECORDS) {
                    throw new IllegalStateException("the cold-started function inserted " + batch.inserted() + " of "
                            + BATCH_RECORDS + " records");
                }
                samples.add(new Sample(elapsed, batch.total()));
            }
        }
        return samples;
    }

    /**
     * @param millis process start to the invocation's response
     * @param batchMillis of which the handler's own work on the batch, from its log line; the rest is the JVM and
     *     runtime starting, the handler's initialisation and the runtime decoding the event
     */
    record Sample(long millis, double batchMillis) {
    }

    /** The event document Lambda would send, in the runtime's own serialization. */
    private static byte[] json(KinesisEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(KinesisEvent.class, ColdStart.class.getClassLoader()).toJson(event, out);
        return out.toByteArray();
    }
}
