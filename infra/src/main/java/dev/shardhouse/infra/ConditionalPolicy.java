package dev.shardhouse.infra;

import java.util.List;
import java.util.Objects;

import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnWaitConditionHandle;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;
import software.constructs.IConstruct;
import software.constructs.IDependable;

/**
 * An IAM policy that exists only under a CloudFormation condition (an option chosen by a parameter), with a handle
 * that the resources needing it wait on: DependsOn may not name a resource that might not exist.
 */
final class ConditionalPolicy extends Construct {

    record Props(CfnCondition condition, List<PolicyStatement> statements) {
        Props {
            Objects.requireNonNull(condition, "condition");
            statements = List.copyOf(statements);
        }
    }

    private final Policy policy;
    private final CfnWaitConditionHandle ready;

    ConditionalPolicy(Construct scope, String id, Props props) {
        super(scope, id);
        policy = Policy.Builder.create(this, "Policy").statements(props.statements()).build();
        CfnPolicy resource = (CfnPolicy) policy.getNode().getDefaultChild();
        resource.getCfnOptions().setCondition(props.condition());
        // A reference inside Fn::If counts only in the branch taken: the handle waits for the policy when it exists.
        ready = new CfnWaitConditionHandle(this, "Ready");
        ready.addMetadata("Policy", Fn.conditionIf(props.condition().getLogicalId(), resource.getRef(), ""));
    }

    void attachTo(IRole role) {
        policy.attachToRole(role);
    }

    /** The policy resource, for a rule suppression next to it. */
    IConstruct policy() {
        return policy;
    }

    /** Exists once the attached roles have the policy (at once when the condition is false). */
    IDependable ready() {
        return ready;
    }
}
