package dev.shardhouse.local.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;

/** The hand-written {@link JdbcLambda}, invoked with the batch's Lambda event. */
final class JdbcLambdaContender implements Contender {

    private final JdbcLambda lambda;
    private final String streamArn;

    JdbcLambdaContender(JdbcLambda lambda, String streamArn) {
        this.lambda = lambda;
        this.streamArn = streamArn;
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public Run prepare(Batch batch) {
        KinesisEvent event = BenchEvents.of(batch, streamArn);
        return () -> lambda.handleRequest(event, null);
    }
}
