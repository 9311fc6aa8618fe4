package dev.shardhouse.local.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.local.runtime.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeRulesTest {

    private static final List<BufferedRecord> BATCH = TestRecords.batch(500, 4);

    private static BatchOutcome judge(String response) {
        return OutcomeRules.judge(new InvocationResult.Response(response.getBytes(StandardCharsets.UTF_8)), BATCH, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "{\"batchItemFailures\":null}", "{\"batchItemFailures\":[]}"})
    void emptyOrNullResponsesAndFailureListsAreSuccesses(String response) {
        assertEquals(new BatchOutcome.Success(), judge(response));
    }

    @Test
    void processingResumesFromTheLowestReportedSequenceNumber() {
        assertEquals(new BatchOutcome.PartialFailure(1), judge(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"503\"},{\"itemIdentifier\":\"501\"},{\"itemIdentifier\":\"502\"}]}"));
    }

    @Test
    void aFailedFirstRecordResumesFromTheStart() {
        assertEquals(new BatchOutcome.PartialFailure(0), judge("{\"batchItemFailures\":[{\"itemIdentifier\":\"500\"}]}"));
    }

    @Test
    void aNullIdentifierFailsTheWholeBatch() {
        assertEquals(new BatchOutcome.Failure("itemIdentifier null is not a sequence number of the batch"),
                judge("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}"));
    }

    @Test
    void anEmptyIdentifierFailsTheWholeBatch() {
        assertEquals(new BatchOutcome.Failure("itemIdentifier \"\" is not a sequence number of the batch"),
                judge("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}"));
    }

    @Test
    void aMisspelledKeyFailsTheWholeBatch() {
        assertEquals(new BatchOutcome.Failure("itemIdentifier null is not a sequence number of the batch"),
                judge("{\"batchItemFailures\":[{\"itemId\":\"501\"}]}"));
    }

    @Test
    void aSequenceNumberOutsideTheBatchFailsTheWholeBatch() {
        assertEquals(new BatchOutcome.Failure("itemIdentifier \"504\" is not a sequence number of the batch"),
                judge("{\"batchItemFailures\":[{\"itemIdentifier\":\"501\"},{\"itemIdentifier\":\"504\"}]}"));
    }

    @Test
    void aResponseThatIsNotAFailuresDocumentFailsTheBatch() {
        assertEquals(new BatchOutcome.Failure("the response is not a batch item failures document: \"OK\""), judge("\"OK\""));
    }

    @Test
    void withoutReportBatchItemFailuresTheResponseIsIgnored() {
        InvocationResult failures = new InvocationResult.Response(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"501\"}]}".getBytes(StandardCharsets.UTF_8));

        assertEquals(new BatchOutcome.Success(), OutcomeRules.judge(failures, BATCH, false));
    }

    @Test
    void aFunctionErrorFailsTheWholeBatch() {
        InvocationResult error = new InvocationResult.FunctionError("java.lang.IllegalStateException", "boom");

        assertEquals(new BatchOutcome.Failure("function error java.lang.IllegalStateException: boom"),
                OutcomeRules.judge(error, BATCH, true));
    }
}
