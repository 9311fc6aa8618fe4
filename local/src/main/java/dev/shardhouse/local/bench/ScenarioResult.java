package dev.shardhouse.local.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** What one scenario measured: every contender's times and the handler's own per-stage log of each batch. */
record ScenarioResult(Scenario scenario, int rounds, long payloadBytesPerBatch, Timings timings, List<BatchLog> handlerLogs) {

    double recordsPerSecond(String contender) {
        return scenario.batchSize() / timings.medianSeconds(contender);
    }

    double megabytesPerSecond(String contender) {
        return payloadBytesPerBatch / 1e6 / timings.medianSeconds(contender);
    }

    /** The median over batches of one of the handler's stage timings, in milliseconds. */
    double handlerMedian(ToDoubleFunction<BatchLog> stage) {
        return Timings.median(handlerLogs.stream().mapToDouble(stage).toArray());
    }
}
