package dev.shardhouse.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test function for the real runtime, scripted by its records' data: {@code fail} reports that record as a batch
 * item failure, {@code throw} throws, {@code nap} sleeps half a second and {@code sleep} 30 s (for kills and
 * timeouts); anything else is processed without a word. It logs one line per
 * invocation with what the runtime gave it, so a test can check the Runtime API's headers and environment.
 */
public final class ScriptedHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            String data = StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString();
            switch (data) {
                case "fail" -> failures.add(new StreamsEventResponse.BatchItemFailure(record.getKinesis().getSequenceNumber()));
                case "throw" -> throw new IllegalStateException("asked to throw by " + record.getEventID());
                case "nap" -> sleep(500);
                case "sleep" -> sleep(30_000);
                default -> {
                }
            }
        }
        context.getLogger().log("scripted-handler request=" + context.getAwsRequestId()
                + " arn=" + context.getInvokedFunctionArn()
                + " function=" + System.getenv("AWS_LAMBDA_FUNCTION_NAME")
                + " mark=" + System.getenv("SCRIPTED_HANDLER_MARK")
                + " records=" + event.getRecords().size()
                + " firstEventId=" + event.getRecords().get(0).getEventID()
                + " timeLeft=" + (context.getRemainingTimeInMillis() > 0) + "\n");
        return new StreamsEventResponse(failures);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
