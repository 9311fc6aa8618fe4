package dev.shardhouse.local.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * An HTTP/1.1 connection whose faults are chosen per request. Requests on a kept-alive connection follow one another
 * (client-v2's Apache client never pipelines), so a request starts with the client's first bytes after the server
 * began to answer the one before.
 */
final class HttpLink extends Link {

    /** Body bytes read before the fault is chosen: a statement and its parameters fit well within. */
    private static final int PREVIEW_BODY = 4096;
    /** A pause this long in the client's bytes ends the preview early. */
    private static final int PREVIEW_PAUSE_MILLIS = 20;
    private static final int BUFFER = 64 * 1024;
    /** How long the server may take to answer a request cut mid-body before its connection is closed anyway. */
    private static final int DRAIN_MILLIS = 10_000;

    private final RequestFaults faults;
    private volatile RequestFault current = RequestFault.NONE;
    /** Whether the server has begun to answer the current request: the client's next bytes start a new one. */
    private volatile boolean answered = true;

    HttpLink(Socket client, Socket server, Partition partition, RequestFaults faults) {
        super(client, server, partition);
        this.faults = faults;
    }

    @Override
    void toServer(InputStream fromClient, OutputStream toServer) throws IOException, InterruptedException {
        byte[] buffer = new byte[BUFFER];
        for (int read = fromClient.read(buffer); read >= 0; read = fromClient.read(buffer)) {
            if (!answered) {
                forward(toServer, buffer, 0, read, bandwidth());
                continue;
            }
            answered = false;
            HttpRequestPreview request = preview(fromClient, buffer, read);
            RequestFault fault = faults.choose(request);
            current = fault;
            byte[] bytes = request.bytes();
            if (fault instanceof RequestFault.ResetMidRequestBody) {
                forward(toServer, bytes, 0, request.headLength() + request.bodyPreviewLength() / 2, 0);
                cutClient();
                return;
            }
            forward(toServer, bytes, 0, bytes.length, bandwidth());
        }
    }

    @Override
    void toClient(InputStream fromServer, OutputStream toClient) throws IOException, InterruptedException {
        byte[] buffer = new byte[BUFFER];
        for (int read = fromServer.read(buffer); read >= 0; read = fromServer.read(buffer)) {
            if (clientWasCut()) {
                drain(fromServer, buffer);
                return;
            }
            RequestFault fault = current;
            if (!answered) {
                answered = true;
                if (fault instanceof RequestFault.DropResponse) {
                    reset();
                    return;
                }
                if (fault instanceof RequestFault.ResetMidResponse) {
                    forward(toClient, buffer, 0, read / 2, 0);
                    reset();
                    return;
                }
                if (fault instanceof RequestFault.LatencySpike spike) {
                    Thread.sleep(spike.delay().toMillis());
                }
            }
            forward(toClient, buffer, 0, read, bandwidth());
        }
    }

    /** Reads and drops the server's answer to a request whose client is gone, until the server ends it. */
    private void drain(InputStream fromServer, byte[] buffer) throws IOException {
        server().setSoTimeout(DRAIN_MILLIS);
        try {
            while (fromServer.read(buffer) >= 0) {
                // the client that asked is gone
            }
        } catch (SocketTimeoutException keptAlive) {
            // the server keeps the connection for a next request that will not come
        }
    }

    private int bandwidth() {
        return current instanceof RequestFault.BandwidthLimit limit ? limit.bytesPerSecond() : 0;
    }

    /**
     * Reads on until the request's head is complete and its body complete or {@link #PREVIEW_BODY} bytes long, or the
     * client pauses once the head is in.
     */
    private HttpRequestPreview preview(InputStream fromClient, byte[] buffer, int read) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(buffer, 0, read);
        HttpRequestPreview request = HttpRequestPreview.of(bytes.toByteArray());
        Socket client = client();
        try {
            while (!request.headComplete() || !request.bodyComplete() && request.bodyPreviewLength() < PREVIEW_BODY) {
                client.setSoTimeout(request.headComplete() ? PREVIEW_PAUSE_MILLIS : 0);
                int more;
                try {
                    more = fromClient.read(buffer);
                } catch (SocketTimeoutException pause) {
                    break;
                }
                if (more < 0) {
                    break;
                }
                bytes.write(buffer, 0, more);
                request = HttpRequestPreview.of(bytes.toByteArray());
            }
        } finally {
            client.setSoTimeout(0);
        }
        return request;
    }
}
