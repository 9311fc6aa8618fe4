package dev.shardhouse.local.mapping;

import java.util.Objects;

/**
 * The stream a mapping reads, as every record of a Lambda Kinesis event names it.
 *
 * @param streamArn         the stream's ARN ({@code eventSourceARN})
 * @param region            its region ({@code awsRegion})
 * @param invokeIdentityArn the role the mapping invokes with ({@code invokeIdentityArn})
 */
public record EventSource(String streamArn, String region, String invokeIdentityArn) {

    public EventSource {
        Objects.requireNonNull(streamArn, "streamArn");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(invokeIdentityArn, "invokeIdentityArn");
    }

    /** The stream in its account, invoked with a local role of that account. */
    public static EventSource of(String streamArn, String region) {
        String[] arn = streamArn.split(":", 6);
        if (arn.length < 6 || !arn[0].equals("arn")) {
            throw new IllegalArgumentException("not a stream ARN: " + streamArn);
        }
        return new EventSource(streamArn, region, "arn:aws:iam::" + arn[4] + ":role/shardhouse-local-event-source-mapping");
    }
}
