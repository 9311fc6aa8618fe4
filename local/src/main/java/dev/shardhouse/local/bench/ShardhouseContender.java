package dev.shardhouse.local.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.handler.IngestHandler;
import dev.shardhouse.testing.StdoutCapture;
import java.util.ArrayList;
import java.util.List;

/**
 * The Shardhouse ingest handler end to end: decode, map, deduplicate, insert, checkpoint. Keeps the log of every
 * batch it ran, and fails a batch whose rows were not all inserted (a skipped duplicate would look fast).
 */
final class ShardhouseContender implements Contender {

    private final IngestHandler handler;
    private final String streamArn;
    private final List<BatchLog> logs = new ArrayList<>();

    ShardhouseContender(IngestHandler handler, String streamArn) {
        this.handler = handler;
        this.streamArn = streamArn;
    }

    @Override
    public String name() {
        return "shardhouse";
    }

    @Override
    public Run prepare(Batch batch) {
        KinesisEvent event = BenchEvents.of(batch, streamArn);
        return () -> {
            BatchLog log = BatchLog.find(StdoutCapture.during(() -> handler.handleRequest(event, null)));
            if (log.inserted() != batch.size()) {
                throw new IllegalStateException("the handler inserted " + log.inserted() + " of " + batch.size()
                        + " records starting at " + batch.sequenceNumbers().get(0));
            }
            logs.add(log);
        };
    }

    /** The logs of the batches run since the last call. */
    List<BatchLog> takeLogs() {
        List<BatchLog> taken = List.copyOf(logs);
        logs.clear();
        return taken;
    }
}
