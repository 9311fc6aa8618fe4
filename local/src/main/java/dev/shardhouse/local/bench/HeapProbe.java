package dev.shardhouse.local.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.handler.IngestHandler;
import dev.shardhouse.testing.StdoutCapture;

/**
 * Child-JVM program started by {@link HeapSweep}: sets up the handler, warms it with a small batch, then runs one
 * large batch and prints {@code heap_probe peak_bytes=N payload_bytes=N}. The event stays referenced throughout,
 * as the Lambda runtime holds it during the invocation. Dies with a non-zero exit when the heap is too small.
 *
 * <p>Arguments: database table checkpointTable streamArn firstId batchSize recordBytes.
 */
public final class HeapProbe {

    private static final int WARM_UP_RECORDS = 100;

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        String streamArn = args[3];
        long firstId = Long.parseLong(args[4]);
        int batchSize = Integer.parseInt(args[5]);
        int recordBytes = Integer.parseInt(args[6]);
        IngestHandler handler = ShardhouseHandlers.create(args[0], args[1], args[2]);

        KinesisEvent warmUp = BenchEvents.of(Batch.generate(firstId, WARM_UP_RECORDS, recordBytes), streamArn);
        StdoutCapture.during(() -> handler.handleRequest(warmUp, null));

        Batch batch = Batch.generate(firstId + WARM_UP_RECORDS, batchSize, recordBytes);
        KinesisEvent event = BenchEvents.of(batch, streamArn);
        long payloadBytes = batch.payloadBytes();
        HeapPeak peak = HeapPeak.start();
        BatchLog log = BatchLog.find(StdoutCapture.during(() -> handler.handleRequest(event, null)));
        long peakBytes = peak.stop();
        if (log.inserted() != batchSize) {
            throw new IllegalStateException("inserted " + log.inserted() + " of " + batchSize + " records");
        }
        System.out.println("heap_probe peak_bytes=" + peakBytes + " payload_bytes=" + payloadBytes);
    }

    /** Records one probe consumes, so that the next probe's sequence numbers start above them. */
    static long recordsUsed(int batchSize) {
        return WARM_UP_RECORDS + batchSize;
    }
}
