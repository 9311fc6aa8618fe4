package dev.shardhouse.local.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.local.mapping.RetryState.Decision;
import dev.shardhouse.local.mapping.RetryState.Retry;
import org.junit.jupiter.api.Test;

class RetryStateTest {

    private static final BatchOutcome SUCCESS = new BatchOutcome.Success();
    private static final BatchOutcome FAILURE = new BatchOutcome.Failure("test");
    private static final MappingSettings TEN = MappingSettings.defaults().withBatchSize(10);

    @Test
    void aSuccessCommitsTheBatchAndTheNextBatchIsFull() {
        RetryState state = new RetryState(TEN);

        assertEquals(new Decision(7, 0, Retry.NONE), state.after(SUCCESS, 7));
        assertEquals(10, state.nextBatchLimit());
        assertFalse(state.retrying());
    }

    @Test
    void aFailedBatchIsResentAsItWasNotToppedUp() {
        RetryState state = new RetryState(TEN);

        assertEquals(new Decision(0, 0, Retry.RETRY), state.after(FAILURE, 7));
        assertEquals(7, state.nextBatchLimit());
        assertTrue(state.retrying());
        assertEquals(1, state.retries());
    }

    @Test
    void onceTheRetryAttemptsAreUsedUpTheBatchIsDiscarded() {
        RetryState state = new RetryState(TEN.withMaximumRetryAttempts(2));

        assertEquals(new Decision(0, 0, Retry.RETRY), state.after(FAILURE, 7));
        assertEquals(new Decision(0, 0, Retry.RETRY), state.after(FAILURE, 7));
        assertEquals(new Decision(0, 7, Retry.NONE), state.after(FAILURE, 7));
        assertEquals(10, state.nextBatchLimit());
        assertEquals(0, state.retries());
    }

    @Test
    void withNoRetryAttemptsTheFirstFailureDiscards() {
        RetryState state = new RetryState(TEN.withMaximumRetryAttempts(0));

        assertEquals(new Decision(0, 4, Retry.NONE), state.after(FAILURE, 4));
    }

    @Test
    void bisectionSendsTheHalvesInOrderAndSplittingIsNotARetry() {
        RetryState state = new RetryState(TEN.withBisectBatchOnFunctionError(true).withMaximumRetryAttempts(0));

        assertEquals(new Decision(0, 0, Retry.BISECT), state.after(FAILURE, 10));
        assertEquals(5, state.nextBatchLimit());
        assertEquals(new Decision(0, 0, Retry.BISECT), state.after(FAILURE, 5));
        assertEquals(3, state.nextBatchLimit());
        assertEquals(new Decision(3, 0, Retry.NONE), state.after(SUCCESS, 3));
        assertEquals(2, state.nextBatchLimit());
        assertEquals(new Decision(2, 0, Retry.NONE), state.after(SUCCESS, 2));
        assertEquals(5, state.nextBatchLimit());
        assertEquals(new Decision(5, 0, Retry.NONE), state.after(SUCCESS, 5));
        assertEquals(10, state.nextBatchLimit());
        assertFalse(state.retrying());
    }

    @Test
    void aSingleFailingRecordCannotBeSplitSoItUsesTheRetries() {
        RetryState state = new RetryState(TEN.withBisectBatchOnFunctionError(true).withMaximumRetryAttempts(1));

        assertEquals(new Decision(0, 0, Retry.BISECT), state.after(FAILURE, 2));
        assertEquals(new Decision(0, 0, Retry.RETRY), state.after(FAILURE, 1));
        assertEquals(new Decision(0, 1, Retry.NONE), state.after(FAILURE, 1));
        assertEquals(1, state.nextBatchLimit());
        assertEquals(new Decision(1, 0, Retry.NONE), state.after(SUCCESS, 1));
        assertEquals(10, state.nextBatchLimit());
    }

    @Test
    void aPartialFailureCommitsWhatPrecedesTheFailedRecordAndRetriesTheRest() {
        RetryState state = new RetryState(TEN.withReportBatchItemFailures(true));

        assertEquals(new Decision(3, 0, Retry.RETRY), state.after(new BatchOutcome.PartialFailure(3), 8));
        assertEquals(5, state.nextBatchLimit());
        assertEquals(1, state.retries());
    }

    @Test
    void aPartialFailureAtTheFirstRecordCountsAnotherRetry() {
        RetryState state = new RetryState(TEN.withReportBatchItemFailures(true).withMaximumRetryAttempts(1));

        assertEquals(new Decision(0, 0, Retry.RETRY), state.after(new BatchOutcome.PartialFailure(0), 8));
        assertEquals(new Decision(0, 8, Retry.NONE), state.after(new BatchOutcome.PartialFailure(0), 8));
    }

    @Test
    void aPartialFailureWithNoRetriesLeftDiscardsOnlyTheRecordsFromTheFailedOneOn() {
        RetryState state = new RetryState(TEN.withReportBatchItemFailures(true).withMaximumRetryAttempts(0));

        assertEquals(new Decision(2, 3, Retry.NONE), state.after(new BatchOutcome.PartialFailure(2), 5));
    }

    @Test
    void discardingTheHeadForgetsItsRetriesAndHalves() {
        RetryState state = new RetryState(TEN.withBisectBatchOnFunctionError(true));
        state.after(FAILURE, 10);

        state.headDiscarded();

        assertEquals(10, state.nextBatchLimit());
        assertFalse(state.retrying());
    }
}
