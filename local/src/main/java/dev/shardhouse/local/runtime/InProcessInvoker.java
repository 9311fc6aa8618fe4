package dev.shardhouse.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Runs a handler in this JVM, for fast tests. The event goes through the same serializers Lambda's Java runtime
 * uses (aws-lambda-java-serialization: the Kinesis event's own mapping for the input, Jackson for the return
 * value), so the handler sees exactly what Lambda would give it. Each of {@code environments} handler instances
 * serves one invocation at a time, like an execution environment. The function timeout is not enforced: a thread
 * cannot be killed.
 */
public final class InProcessInvoker implements FunctionInvoker {

    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final FunctionConfig function;
    private final BlockingQueue<RequestHandler<KinesisEvent, ?>> idle;
    private final PojoSerializer<KinesisEvent> eventSerializer;

    public InProcessInvoker(FunctionConfig function, Supplier<? extends RequestHandler<KinesisEvent, ?>> handlers,
                            int environments) {
        this.function = Objects.requireNonNull(function, "function");
        if (environments < 1) {
            throw new IllegalArgumentException("environments must be at least 1, not " + environments);
        }
        this.idle = new ArrayBlockingQueue<>(environments);
        for (int i = 0; i < environments; i++) {
            idle.add(handlers.get());
        }
        this.eventSerializer = LambdaEventSerializers.serializerFor(KinesisEvent.class, getClass().getClassLoader());
    }

    @Override
    public InvocationResult invoke(byte[] event) throws InterruptedException {
        RequestHandler<KinesisEvent, ?> handler = idle.take();
        try {
            KinesisEvent input = eventSerializer.fromJson(new ByteArrayInputStream(event));
            String requestId = UUID.randomUUID().toString();
            long deadline = System.currentTimeMillis() + function.timeout().toMillis();
            return new InvocationResult.Response(serialize(handler.handleRequest(input, new LocalContext(function, requestId, deadline))));
        } catch (RuntimeException | Error e) {
            return new InvocationResult.FunctionError(e.getClass().getName(), String.valueOf(e.getMessage()));
        } finally {
            idle.add(handler);
        }
    }

    @SuppressWarnings("unchecked")
    private static byte[] serialize(Object value) {
        if (value == null) {
            return JSON_NULL;
        }
        // The runtime's choice: an AWS event type has its own mapping, anything else goes through Jackson.
        Class<Object> type = (Class<Object>) value.getClass();
        PojoSerializer<Object> serializer = LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toByteArray();
    }

    @Override
    public void close() {
        idle.clear();
    }
}
