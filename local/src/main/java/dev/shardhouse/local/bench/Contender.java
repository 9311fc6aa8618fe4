package dev.shardhouse.local.bench;

/** One way of getting a batch into ClickHouse, measured side by side with the others on the same batches. */
interface Contender {

    /** Short name for tables and reports. */
    String name();

    /** Does everything that is not part of the measured path (building the request body or the Lambda event). */
    Run prepare(Batch batch);

    /** The measured part: one batch, from its prepared form to rows committed in ClickHouse. */
    @FunctionalInterface
    interface Run {
        void execute() throws Exception;
    }
}
