package dev.shardhouse.local.proxy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A ClickHouse → keeper connection, read frame by frame (ZooKeeper's: a 4-byte length, then the payload). The first
 * frame each way is the session handshake; every later client frame starts with its xid and request type.
 *
 * <p>ClickHouse's keeper client never resumes a session after losing its connection: it opens a new one, and the old
 * session expires on the keeper once its timeout passes (the cut outlasts it), taking the write's outcome with it.
 */
final class KeeperLink extends Link {

    private final KeeperFaults faults;
    private final Runnable cutKeeper;
    private volatile boolean dropReplies;

    /** @param cutKeeper partitions the whole keeper link (every connection) for the fault's cut */
    KeeperLink(Socket client, Socket server, Partition partition, KeeperFaults faults, Runnable cutKeeper) {
        super(client, server, partition);
        this.faults = faults;
        this.cutKeeper = cutKeeper;
    }

    @Override
    void toServer(InputStream fromClient, OutputStream toServer) throws IOException, InterruptedException {
        DataInputStream in = new DataInputStream(fromClient);
        byte[] handshake = frame(in);
        if (handshake == null) {
            return;
        }
        forward(toServer, handshake, 0, handshake.length, 0);
        for (byte[] frame = frame(in); frame != null; frame = frame(in)) {
            boolean expire = frame.length >= 12 && faults.takesWrite(ByteBuffer.wrap(frame, 8, 4).getInt());
            if (expire) {
                dropReplies = true;
            }
            forward(toServer, frame, 0, frame.length, 0);
            if (expire) {
                // Time for the keeper to apply the write, whose reply is dropped; then the session is left to expire.
                Thread.sleep(200);
                cutKeeper.run();
                reset();
                return;
            }
        }
    }

    @Override
    void toClient(InputStream fromServer, OutputStream toClient) throws IOException, InterruptedException {
        DataInputStream in = new DataInputStream(fromServer);
        for (byte[] frame = frame(in); frame != null; frame = frame(in)) {
            if (!dropReplies) {
                forward(toClient, frame, 0, frame.length, 0);
            }
        }
    }

    /** One frame, its length prefix included; null at the end of the stream. */
    private static byte[] frame(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (java.io.EOFException end) {
            return null;
        }
        if (length < 0 || length > 128 * 1024 * 1024) {
            throw new IOException("not a ZooKeeper frame: length " + length);
        }
        byte[] frame = new byte[4 + length];
        ByteBuffer.wrap(frame).putInt(length);
        in.readFully(frame, 4, length);
        return frame;
    }
}
