package dev.shardhouse.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ClickHouseFailureTest {

    /** Exactly what client-v2 0.9.9 builds for a "Code: 999. Coordination::Exception: ..." response body. */
    private static ServerException unreadableKeeperError(String queryId) {
        return new ServerException(999,
                "Code: 999. DB::Exception: <Unreadable error message> (transport error: 500) (queryId=" + queryId + ")",
                500, queryId);
    }

    private static ServerException serverError(int code, String text) {
        return new ServerException(code, "Code: " + code + ". DB::Exception: " + text + " (queryId=q)", 500, "q");
    }

    @Test
    void unreadableKeeperErrorIsAConflictWithAReadableMessage() {
        ClickHouseFailure failure = ClickHouseFailure.of(unreadableKeeperError("insert-42"));

        assertEquals(999, failure.code());
        assertTrue(failure.isKeeperConflict());
        assertFalse(failure.isRetryable());
        assertEquals("ClickHouse error 999 KEEPER_EXCEPTION (HTTP 500, query id insert-42); client-v2 passes on only"
                + " 'DB::Exception' texts: the server's own message is in system.query_log, column exception,"
                + " for that query id", failure.message());
    }

    @Test
    void nodeExistsAndBadVersionAreConflicts() {
        for (String text : new String[] {
                "Coordination::Exception: Transaction failed (Node exists): Op #0, path: /keeper_map_tables/t/data/AWE=",
                "Coordination::Exception: Transaction failed (Bad version): Op #1, path: /keeper_map_tables/t/data/AWE=",
                "Coordination::Exception: Transaction failed (No node): Op #0, path: /keeper_map_tables/t/data/AWE="}) {
            ClickHouseFailure failure = ClickHouseFailure.of(serverError(999, text));

            assertTrue(failure.isKeeperConflict(), text);
            assertFalse(failure.isRetryable(), text);
            assertEquals("Code: 999. DB::Exception: " + text + " (queryId=q)", failure.message());
        }
    }

    @Test
    void keeperConnectionLossIsRetryableNotAConflict() {
        ClickHouseFailure failure = ClickHouseFailure.of(serverError(999, "Coordination::Exception: Connection loss."));

        assertFalse(failure.isKeeperConflict());
        assertTrue(failure.isRetryable());
    }

    @Test
    void everyCodeTheKafkaSinkRetriesIsRetryable() {
        for (int code : new int[] {3, 107, 159, 164, 202, 203, 209, 210, 241, 242, 252, 285, 319, 425}) {
            ClickHouseFailure failure = ClickHouseFailure.of(serverError(code, "transient"));

            assertEquals(code, failure.code());
            assertTrue(failure.isRetryable(), "code " + code);
            assertFalse(failure.isKeeperConflict(), "code " + code);
        }
    }

    @Test
    void otherServerErrorsAreNeitherRetryableNorConflicts() {
        ClickHouseFailure failure = ClickHouseFailure.of(serverError(60, "Table shop.orders does not exist. (UNKNOWN_TABLE)"));

        assertEquals(60, failure.code());
        assertFalse(failure.isRetryable());
        assertFalse(failure.isKeeperConflict());
        assertEquals("Code: 60. DB::Exception: Table shop.orders does not exist. (UNKNOWN_TABLE) (queryId=q)",
                failure.message());
    }

    @Test
    void serverErrorIsFoundBehindWrappers() {
        ServerException cause = unreadableKeeperError("q7");

        for (Throwable wrapped : new Throwable[] {
                new CompletionException(cause),
                new ExecutionException(cause),
                new ClientException("Insert failed", new CompletionException(cause))}) {
            ClickHouseFailure failure = ClickHouseFailure.of(wrapped);

            assertEquals(999, failure.code(), wrapped.toString());
            assertTrue(failure.isKeeperConflict(), wrapped.toString());
        }
    }

    @Test
    void networkFailuresAreRetryableWithoutACode() {
        ClickHouseFailure refused = ClickHouseFailure.of(
                new ConnectionInitiationException("Failed to connect", new ConnectException("Connection refused")));
        ClickHouseFailure timedOut = ClickHouseFailure.of(
                new DataTransferException("Read failed", new SocketTimeoutException("Read timed out")));

        assertEquals(ClickHouseFailure.NOT_A_SERVER_ERROR, refused.code());
        assertTrue(refused.isRetryable());
        assertEquals("ConnectionInitiationException: Failed to connect; caused by ConnectException: Connection refused",
                refused.message());
        assertEquals(ClickHouseFailure.NOT_A_SERVER_ERROR, timedOut.code());
        assertTrue(timedOut.isRetryable());
        assertFalse(timedOut.isKeeperConflict());
    }

    @Test
    void proxyUnavailableWithoutClickHouseCodeIsRetryable() {
        // No X-ClickHouse-Exception-Code header: client-v2 reports code 0 with the HTTP status.
        ClickHouseFailure failure = ClickHouseFailure.of(
                new ServerException(0, "Code: 0. DB::Exception: <Unreadable error message> (transport error: 503)", 503, "q"));

        assertEquals(ClickHouseFailure.NOT_A_SERVER_ERROR, failure.code());
        assertTrue(failure.isRetryable());
    }

    @Test
    void programmingErrorsAreNotRetryable() {
        ClickHouseFailure failure = ClickHouseFailure.of(new IllegalStateException("client closed"));

        assertEquals(ClickHouseFailure.NOT_A_SERVER_ERROR, failure.code());
        assertFalse(failure.isRetryable());
        assertFalse(failure.isKeeperConflict());
        assertEquals("IllegalStateException: client closed", failure.message());
    }

    /** ClickHouse 26.7's text for a block over max_partitions_per_insert_block (1 here), as the driver passes it on. */
    private static final String TOO_MANY_PARTITIONS = "Too many partitions for single INSERT block (more than 1). The"
            + " limit is controlled by 'max_partitions_per_insert_block' setting. (TOO_MANY_PARTS) (version 26.7.2.1)";

    /** ClickHouse 26.7's text for a materialized view that could not convert a value of an inserted block. */
    private static final String VIEW_FAILED = "Cannot parse string 'x' as UInt32: syntax error at begin of string:"
            + " while executing 'FUNCTION toUInt32(__table1.s :: 1) -> toUInt32(__table1.s) UInt32 : 0': while pushing"
            + " to view shop.orders_mv. (CANNOT_PARSE_TEXT) (version 26.7.2.1)";

    @Test
    void aRefusalOfTheRowsContentIsRejectedDataAndNothingElse() {
        for (int code : new int[] {6, 27, 38, 41, 53, 69, 70, 72, 117, 131, 321, 395, 469}) {
            ClickHouseFailure failure = ClickHouseFailure.of(serverError(code, "the rows"));

            assertTrue(failure.isRejectedData(), "code " + code);
            assertFalse(failure.isNothingWritten(), "code " + code);
            assertFalse(failure.isRetryable(), "code " + code);
        }
        assertFalse(ClickHouseFailure.of(serverError(159, "timeout")).isRejectedData());
        assertFalse(ClickHouseFailure.of(new IllegalStateException("client closed")).isRejectedData());
    }

    @Test
    void anInsertRefusedBeforeAnyRowIsLookedAtWroteNothing() {
        for (int code : new int[] {16, 47, 60, 81}) {
            ClickHouseFailure failure = ClickHouseFailure.of(serverError(code, "gone"));

            assertTrue(failure.isNothingWritten(), "code " + code);
            assertFalse(failure.isRejectedData(), "code " + code);
        }
        assertFalse(ClickHouseFailure.of(serverError(469, "constraint")).isNothingWritten());
        assertFalse(ClickHouseFailure.of(serverError(210, "network")).isNothingWritten(), "a network error is uncertain");
        assertFalse(ClickHouseFailure.of(new IllegalStateException("client closed")).isNothingWritten());
    }

    @Test
    void tooManyPartitionsInOneBlockWroteNothingAndIsNotRetriedUnlikeMergesLagging() {
        ClickHouseFailure perBlock = ClickHouseFailure.of(serverError(252, TOO_MANY_PARTITIONS));
        ClickHouseFailure lagging = ClickHouseFailure.of(serverError(252, "Too many parts (300 with average size of"
                + " 1.00 KiB) in table 'shop.orders'. Merges are processing significantly slower than inserts."
                + " (TOO_MANY_PARTS) (version 26.7.2.1)"));
        ClickHouseFailure otherCode = ClickHouseFailure.of(serverError(60, TOO_MANY_PARTITIONS));

        assertTrue(perBlock.isTooManyPartitionsPerBlock());
        assertTrue(perBlock.isNothingWritten());
        assertFalse(perBlock.isRetryable());
        assertFalse(lagging.isTooManyPartitionsPerBlock());
        assertTrue(lagging.isRetryable());
        assertFalse(otherCode.isTooManyPartitionsPerBlock(), "the text alone is not enough: a record may quote it");
    }

    @Test
    void aViewFailureNamesTheViewOnlyWhenTheServerSaysSoAtTheEnd() {
        ClickHouseFailure failed = ClickHouseFailure.of(serverError(6, VIEW_FAILED));
        ClickHouseFailure quoted = ClickHouseFailure.of(serverError(6, "Cannot parse string 'x: while pushing to view"
                + " shop.orders_mv. (CANNOT_PARSE_TEXT) (version 26.7.2.1)' as UInt32 (CANNOT_PARSE_TEXT) (version 26.7.2.1)"));
        ClickHouseFailure notAServerError = ClickHouseFailure.of(new IllegalStateException(VIEW_FAILED));

        assertEquals(java.util.Optional.of("shop.orders_mv"), failed.failedView());
        assertFalse(failed.isRetryable());
        assertEquals(java.util.Optional.empty(), quoted.failedView());
        assertEquals(java.util.Optional.empty(), notAServerError.failedView());
    }

    @Test
    void aServerErrorIsLookedForTenCausesDeepAndNoFurther() {
        ServerException error = serverError(60, "gone");
        Throwable nineWrappers = error;
        for (int i = 0; i < 9; i++) {
            nineWrappers = new RuntimeException("wrapper " + i, nineWrappers);
        }

        assertEquals(60, ClickHouseFailure.of(nineWrappers).code());
        assertEquals(ClickHouseFailure.NOT_A_SERVER_ERROR,
                ClickHouseFailure.of(new RuntimeException("wrapper 9", nineWrappers)).code());
    }

    @Test
    void itsTextSaysWhatItIs() {
        assertEquals("ClickHouseFailure[code=60, keeperConflict=false, retryable=false, message=Code: 60. DB::Exception:"
                + " gone (queryId=q)]", ClickHouseFailure.of(serverError(60, "gone")).toString());
    }
}
