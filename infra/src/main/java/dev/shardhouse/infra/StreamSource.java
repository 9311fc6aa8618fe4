package dev.shardhouse.infra;

import java.util.List;
import java.util.Objects;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.CfnStream;
import software.constructs.Construct;
import software.constructs.IDependable;

/**
 * The Kinesis stream Shardhouse reads: an existing one given by its ARN, or one created here when the ARN is empty.
 * Which of the two is decided at deploy time (a CloudFormation condition), so the stream ARN and name are tokens.
 */
public final class StreamSource extends Construct {

    static final String AWS_MANAGED_KEY = "alias/aws/kinesis";

    /**
     * @param existingStreamArn ARN of the stream to read, or empty to create one
     * @param streamMode        PROVISIONED or ON_DEMAND, for a created stream
     * @param shardCount        shards of a created PROVISIONED stream
     * @param retentionHours    how long a created stream keeps records, and so how long a failing batch is retried
     *                          with MaximumRecordAgeSeconds -1 (24 to 8760)
     * @param keyArn            customer-managed KMS key the stream is encrypted with (a created one is encrypted with
     *                          it too), or empty for the AWS-managed key
     */
    public record Props(String existingStreamArn, String streamMode, Number shardCount, Number retentionHours,
                        String keyArn) {
        public Props {
            Objects.requireNonNull(keyArn, "keyArn");
            Objects.requireNonNull(existingStreamArn, "existingStreamArn");
            Objects.requireNonNull(streamMode, "streamMode");
            Objects.requireNonNull(shardCount, "shardCount");
            Objects.requireNonNull(retentionHours, "retentionHours");
        }
    }

    private final KeyDecryptGrant key;
    private final String streamArn;
    private final String streamName;

    public StreamSource(Construct scope, String id, Props props) {
        super(scope, id);
        CfnCondition createStream = CfnCondition.Builder.create(this, "CreateStream")
                .expression(Fn.conditionEquals(props.existingStreamArn(), ""))
                .build();
        CfnCondition provisioned = CfnCondition.Builder.create(this, "Provisioned")
                .expression(Fn.conditionEquals(props.streamMode(), "PROVISIONED"))
                .build();

        key = new KeyDecryptGrant(this, "Key", new KeyDecryptGrant.Props(props.keyArn(), "kinesis"));

        CfnStream stream = CfnStream.Builder.create(this, "Stream")
                .streamModeDetails(CfnStream.StreamModeDetailsProperty.builder().streamMode(props.streamMode()).build())
                .shardCount(Token.asNumber(Fn.conditionIf(provisioned.getLogicalId(), props.shardCount(), Aws.NO_VALUE)))
                .streamEncryption(CfnStream.StreamEncryptionProperty.builder()
                        .encryptionType("KMS")
                        .keyId(Token.asString(Fn.conditionIf(key.keyGiven().getLogicalId(), props.keyArn(), AWS_MANAGED_KEY)))
                        .build())
                .retentionPeriodHours(props.retentionHours())
                .build();
        stream.getCfnOptions().setCondition(createStream);
        // Updating the stack to an ExistingStreamArn turns the condition false, which would delete the stream and
        // every record not yet in ClickHouse: the stream outlives its removal from the stack (and the stack itself).
        stream.applyRemovalPolicy(RemovalPolicy.RETAIN);
        NagSuppressions.suppress(stream, "AwsSolutions-KDS3", "the stream uses aws/kinesis unless StreamKmsKeyArn"
                + " names a customer-managed key, which a team chooses only where its compliance requires one");

        streamArn = Token.asString(Fn.conditionIf(createStream.getLogicalId(),
                stream.getAttrArn(), props.existingStreamArn()));
        // The trailing "/" keeps index 1 present when the ARN is empty: CloudFormation evaluates Fn::Select even in
        // the Fn::If branch it does not take.
        String nameFromArn = Fn.select(1, Fn.split("/", Fn.join("", List.of(props.existingStreamArn(), "/"))));
        streamName = Token.asString(Fn.conditionIf(createStream.getLogicalId(), stream.getRef(), nameFromArn));
        acknowledgeConditionalValues();
    }

    /**
     * CDK's template validation evaluates both branches of every Fn::If: with the default (empty) ExistingStreamArn
     * it sees an empty stream ARN and name, and a reference to the stream that only exists when it is created.
     * Acknowledgments apply to the whole app, so only these three rules are named, here, where the cause is.
     */
    private void acknowledgeConditionalValues() {
        String reason = "the stream ARN and name are Fn::If on whether ExistingStreamArn is empty;"
                + " the branch validated here is never taken";
        Validations.of(this).acknowledge(
                Acknowledgment.builder().id("CloudFormation-Validate::F3031").reason(reason).build(),
                Acknowledgment.builder().id("CloudFormation-Validate::F3033").reason(reason).build(),
                Acknowledgment.builder().id("CloudFormation-Validate::W1001").reason(reason).build());
    }

    public String streamArn() {
        return streamArn;
    }

    public String streamName() {
        return streamName;
    }

    /** Allows the given Kinesis actions on this stream only, and decrypting its records with a customer-managed key. */
    public void grant(IRole role, List<String> kinesisActions) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(kinesisActions)
                .resources(List.of(streamArn))
                .build());
        key.attachTo(role);
    }

    /** Exists once the granted roles can read the stream's records (the key's policy is in place). */
    public IDependable readable() {
        return key.ready();
    }
}
