package dev.shardhouse.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnWaitConditionHandle;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;
import software.constructs.IDependable;

/**
 * kms:Decrypt on one customer-managed key, for the roles it is attached to, and only when an AWS service decrypts on
 * their behalf (Kinesis for an encrypted stream's records, Secrets Manager for the secret). No key given, no policy:
 * AWS-managed keys need no grant of their own.
 */
public final class KeyDecryptGrant extends Construct {

    /**
     * @param keyArn  ARN of the key, or empty (a parameter token: decided at deploy time)
     * @param service the service allowed to use the key for the roles, e.g. {@code kinesis}
     */
    public record Props(String keyArn, String service) {
        public Props {
            Objects.requireNonNull(keyArn, "keyArn");
            Objects.requireNonNull(service, "service");
        }
    }

    private final CfnCondition keyGiven;
    private final Policy policy;
    private CfnWaitConditionHandle ready;

    public KeyDecryptGrant(Construct scope, String id, Props props) {
        super(scope, id);
        keyGiven = CfnCondition.Builder.create(this, "KeyGiven")
                .expression(Fn.conditionNot(Fn.conditionEquals(props.keyArn(), "")))
                .build();
        policy = Policy.Builder.create(this, "Policy")
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("kms:Decrypt"))
                        .resources(List.of(props.keyArn()))
                        // Any region: an existing stream may live in another one.
                        .conditions(Map.of("StringLike", Map.of("kms:ViaService", props.service() + ".*.amazonaws.com")))
                        .build()))
                .build();
        ((CfnPolicy) policy.getNode().getDefaultChild()).getCfnOptions().setCondition(keyGiven);
    }

    public void attachTo(IRole role) {
        policy.attachToRole(role);
    }

    /** Whether a key was given, for resources that use the key themselves. */
    public CfnCondition keyGiven() {
        return keyGiven;
    }

    /** Exists once the roles may decrypt with the key (at once when there is none). */
    public IDependable ready() {
        if (ready == null) {
            // DependsOn may not name a resource that might not exist; this handle always exists, and waits for the
            // policy only when there is one (a reference inside Fn::If counts only in the branch taken).
            ready = new CfnWaitConditionHandle(this, "Ready");
            CfnPolicy resource = (CfnPolicy) policy.getNode().getDefaultChild();
            ready.addMetadata("Policy", Fn.conditionIf(keyGiven.getLogicalId(), resource.getRef(), ""));
        }
        return ready;
    }
}
