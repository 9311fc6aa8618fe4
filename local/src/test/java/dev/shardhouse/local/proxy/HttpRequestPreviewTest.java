package dev.shardhouse.local.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.checkpoint.CheckpointTables;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpRequestPreviewTest {

    private static HttpRequestPreview of(String request) {
        return HttpRequestPreview.of(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aHeadIsCompleteAtItsBlankLine() {
        HttpRequestPreview partial = of("POST /?query=SELECT%201 HTTP/1.1\r\nHost: x\r\n");
        assertFalse(partial.headComplete());
        assertFalse(partial.bodyComplete());
        assertEquals(0, partial.bodyPreviewLength());

        HttpRequestPreview whole = of("POST / HTTP/1.1\r\nHost: x\r\n\r\nab");
        assertTrue(whole.headComplete());
        assertEquals("POST / HTTP/1.1\r\nHost: x\r\n\r\n".length(), whole.headLength());
        assertEquals(2, whole.bodyPreviewLength());
    }

    @Test
    void aBodyIsCompleteAtItsContentLengthOrLastChunk() {
        assertFalse(of("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcd").bodyComplete());
        assertTrue(of("POST / HTTP/1.1\r\ncontent-length: 5\r\n\r\nabcde").bodyComplete());
        assertFalse(of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n").bodyComplete());
        assertTrue(of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n").bodyComplete());
        assertTrue(of("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n").bodyComplete());
    }

    @Test
    void theTextIsTheDecodedRequestLineThenTheBody() {
        HttpRequestPreview request = of("POST /?query=INSERT%20INTO%20%60db%60.%60t%60%20FORMAT%20RowBinary"
                + "&param_state=" + CheckpointTables.COMMIT_STATE + " HTTP/1.1\r\nHost: x\r\n\r\nINSERT INTO `db`.`cp`");
        assertEquals("POST /?query=INSERT INTO `db`.`t` FORMAT RowBinary&param_state=" + CheckpointTables.COMMIT_STATE
                + " HTTP/1.1\n"
                + "INSERT INTO `db`.`cp`", request.text());
        assertTrue(Statements.insertInto("`db`.`t`").test(request.text()));
        assertFalse(Statements.insertInto("`db`.`t_errors`").test(request.text()));
        assertTrue(Statements.commitIn("`db`.`cp`").test(request.text()));
        assertFalse(Statements.claimIn("`db`.`cp`").test(request.text()));
    }

    @Test
    void aFaultIsLabelledByItsKind() {
        assertEquals("drop_response", new RequestFault.DropResponse().label());
        assertEquals("reset_mid_request_body", new RequestFault.ResetMidRequestBody().label());
        assertEquals("latency_spike", new RequestFault.LatencySpike(Duration.ofSeconds(1)).label());
    }
}
