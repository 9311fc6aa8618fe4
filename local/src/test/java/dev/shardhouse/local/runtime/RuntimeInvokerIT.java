package dev.shardhouse.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.local.mapping.BufferedRecord;
import dev.shardhouse.local.mapping.EventPayload;
import dev.shardhouse.local.mapping.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/** The real Runtime Interface Client in its own JVM, driven through the local Runtime API. */
class RuntimeInvokerIT {

    private static final EventSource SOURCE = EventSource.of("arn:aws:kinesis:us-east-1:000000000000:stream/local-ric", "us-east-1");
    private static final FunctionConfig FUNCTION = new FunctionConfig("local-ric-test",
            ScriptedHandler.class.getName() + "::handleRequest", Duration.ofSeconds(2), 256, "us-east-1",
            Map.of("SCRIPTED_HANDLER_MARK", "from-the-function-config"));

    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final RuntimeInvoker invoker = new RuntimeInvoker(
            RuntimeLaunch.ofClasspath(System.getProperty("java.class.path")), FUNCTION, 1, logs::add);

    @AfterEach
    void close() {
        invoker.close();
    }

    @Test
    void theRuntimeGetsTheEventAndItsContextAndItsResponseComesBack() throws Exception {
        InvocationResult result = invoker.invoke(event("ok", "fail", "ok"));

        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"101\"}]}",
                ((InvocationResult.Response) result).text());
        String line = logs.stream().filter(l -> l.contains("scripted-handler")).findFirst().orElseThrow();
        assertTrue(line.contains(" arn=arn:aws:lambda:us-east-1:000000000000:function:local-ric-test "), line);
        assertTrue(line.contains(" function=local-ric-test mark=from-the-function-config records=3"
                + " firstEventId=shardId-000000000007:100 timeLeft=true"), line);
    }

    @Test
    void aThrownExceptionIsAFunctionErrorNamingIt() throws Exception {
        InvocationResult result = invoker.invoke(event("ok", "throw"));

        assertEquals(new InvocationResult.FunctionError("java.lang.IllegalStateException",
                "asked to throw by shardId-000000000007:101"), result);
    }

    @Test
    void aKilledRuntimeFailsItsInvocationAndTheNextOneGetsAFreshProcess() throws Exception {
        KillableInvoker.KillResult killed = invoker.invokeAndKill(event("sleep"), Duration.ofMillis(1500));

        assertTrue(killed.killed());
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) killed.result();
        assertEquals(RuntimeEnvironment.EXIT_ERROR, error.errorType());
        assertTrue(error.errorMessage().endsWith("Error: Runtime exited with error: signal: killed"), error.errorMessage());
        assertEquals("{\"batchItemFailures\":[]}", ((InvocationResult.Response) invoker.invoke(event("ok"))).text());
        assertEquals(2, invoker.processStarts());
    }

    @Test
    void aKillThatComesAfterTheAnswerKillsNothing() throws Exception {
        invoker.invoke(event("ok"));

        KillableInvoker.KillResult notKilled = invoker.invokeAndKill(event("ok"), Duration.ofSeconds(20));

        assertFalse(notKilled.killed());
        assertEquals("{\"batchItemFailures\":[]}", ((InvocationResult.Response) notKilled.result()).text());
        assertEquals(1, invoker.processStarts());
    }

    @Test
    void anInvocationPastTheTimeoutIsKilledAndReportedAsTimedOut() throws Exception {
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) invoker.invoke(event("sleep"));

        assertEquals(RuntimeEnvironment.TIMEOUT_ERROR, error.errorType());
        assertTrue(error.errorMessage().endsWith("Task timed out after 2.0 seconds"), error.errorMessage());
        assertEquals("{\"batchItemFailures\":[]}", ((InvocationResult.Response) invoker.invoke(event("ok"))).text());
    }

    @Test
    void aHandlerThatCannotBeLoadedIsReportedWithTheRuntimesInitError() throws Exception {
        FunctionConfig missing = new FunctionConfig("local-ric-missing", "dev.shardhouse.local.runtime.NoSuchHandler::handleRequest",
                Duration.ofSeconds(5), 256, "us-east-1", Map.of());
        try (RuntimeInvoker broken = new RuntimeInvoker(
                RuntimeLaunch.ofClasspath(System.getProperty("java.class.path")), missing, 1, logs::add)) {
            InvocationResult.FunctionError error = (InvocationResult.FunctionError) broken.invoke(event("ok"));

            assertEquals("java.lang.ClassNotFoundException", error.errorType());
            assertTrue(error.errorMessage().contains("NoSuchHandler"), error.errorMessage());
        }
    }

    /** An event of records 100, 101, ... of shard 7 carrying the given data. */
    private static byte[] event(String... data) {
        return EventPayload.event(IntStream.range(0, data.length)
                .mapToObj(i -> BufferedRecord.of(SOURCE, "shardId-000000000007", Record.builder()
                        .sequenceNumber(Integer.toString(100 + i))
                        .partitionKey("key")
                        .data(SdkBytes.fromUtf8String(data[i]))
                        .approximateArrivalTimestamp(Instant.parse("2026-11-25T12:00:00Z"))
                        .build()))
                .toList());
    }
}
