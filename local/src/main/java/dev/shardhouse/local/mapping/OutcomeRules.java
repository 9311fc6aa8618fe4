package dev.shardhouse.local.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardhouse.local.runtime.InvocationResult;
import java.util.List;

/**
 * Lambda's rules for judging an invocation of a Kinesis batch: a function error fails the whole batch; without
 * ReportBatchItemFailures the response is ignored; with it, an empty or null response or {@code batchItemFailures}
 * is a success, processing resumes from the lowest reported sequence number, and a null, empty or unknown
 * {@code itemIdentifier} fails the whole batch. A response that is not a failures document at all also fails the
 * batch here (Lambda does not document that case; failing is the choice that never skips records).
 */
final class OutcomeRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutcomeRules() {
    }

    static BatchOutcome judge(InvocationResult result, List<BufferedRecord> batch, boolean reportBatchItemFailures) {
        if (result instanceof InvocationResult.FunctionError error) {
            return new BatchOutcome.Failure("function error " + error);
        }
        if (!reportBatchItemFailures) {
            return new BatchOutcome.Success();
        }
        return judgeResponse(((InvocationResult.Response) result).text(), batch);
    }

    private static BatchOutcome judgeResponse(String body, List<BufferedRecord> batch) {
        JsonNode response;
        try {
            response = body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new BatchOutcome.Failure("the response is not JSON: " + abbreviate(body));
        }
        if (response == null || response.isNull() || (response.isObject() && response.isEmpty())) {
            return new BatchOutcome.Success();
        }
        if (!response.isObject()) {
            return new BatchOutcome.Failure("the response is not a batch item failures document: " + abbreviate(body));
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new BatchOutcome.Success();
        }
        if (!failures.isArray()) {
            return new BatchOutcome.Failure("batchItemFailures is not a list: " + abbreviate(body));
        }
        int lowest = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            int index = id == null || !id.isTextual() ? -1 : indexOf(batch, id.asText());
            if (index < 0) {
                return new BatchOutcome.Failure("itemIdentifier " + id + " is not a sequence number of the batch");
            }
            lowest = Math.min(lowest, index);
        }
        return new BatchOutcome.PartialFailure(lowest);
    }

    private static int indexOf(List<BufferedRecord> batch, String sequenceNumber) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
