package dev.shardhouse.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.shardhouse.local.mapping.BufferedRecord;
import dev.shardhouse.local.mapping.EventPayload;
import dev.shardhouse.local.mapping.TestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InProcessInvokerTest {

    private static final FunctionConfig FUNCTION = new FunctionConfig("local-in-process", "in-process",
            Duration.ofSeconds(30), 256, "us-east-1", Map.of());
    private static final byte[] EVENT = EventPayload.event(List.of(BufferedRecord.of(TestRecords.SOURCE,
            TestRecords.SHARD, TestRecords.record("42", "user-9", "payload", Instant.ofEpochMilli(1764072000123L)))));

    @Test
    void theHandlerGetsTheEventAsLambdasSerializerReadsItAndItsAnswerIsSerializedBack() throws Exception {
        List<String> seen = new ArrayList<>();
        RequestHandler<KinesisEvent, StreamsEventResponse> handler = (event, context) -> {
            KinesisEvent.KinesisEventRecord record = event.getRecords().get(0);
            seen.add(String.join("|", record.getEventID(), record.getKinesis().getPartitionKey(),
                    StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString(),
                    Long.toString(record.getKinesis().getApproximateArrivalTimestamp().getTime()),
                    context.getInvokedFunctionArn(), Integer.toString(context.getMemoryLimitInMB())));
            return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure("42")));
        };

        try (InProcessInvoker invoker = new InProcessInvoker(FUNCTION, () -> handler, 1)) {
            InvocationResult result = invoker.invoke(EVENT);

            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"42\"}]}", ((InvocationResult.Response) result).text());
        }
        assertEquals(List.of("shardId-000000000003:42|user-9|payload|1764072000123"
                + "|arn:aws:lambda:us-east-1:000000000000:function:local-in-process|256"), seen);
    }

    @Test
    void aThrowingHandlerIsAFunctionErrorWithTheExceptionsClassAndMessage() throws Exception {
        try (InProcessInvoker invoker = new InProcessInvoker(FUNCTION, () -> (event, context) -> {
            throw new IllegalArgumentException("no good");
        }, 1)) {
            assertEquals(new InvocationResult.FunctionError("java.lang.IllegalArgumentException", "no good"), invoker.invoke(EVENT));
        }
    }

    @Test
    void aNullAnswerIsTheJsonNull() throws Exception {
        try (InProcessInvoker invoker = new InProcessInvoker(FUNCTION, () -> (event, context) -> null, 1)) {
            assertEquals("null", ((InvocationResult.Response) invoker.invoke(EVENT)).text());
        }
    }
}
