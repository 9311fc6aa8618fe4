package dev.shardhouse.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * Runs functions in subnets of a VPC with security groups, for a ClickHouse reachable only from there (in the VPC, or
 * ClickHouse Cloud over PrivateLink). Decided at deploy time: empty subnet ids leave the functions outside any VPC.
 * Kinesis, Secrets Manager, CloudWatch and KMS are then reached through the VPC's NAT gateway or interface endpoints,
 * which this construct does not create (README).
 */
public final class PrivateNetwork extends Construct {

    /** Lambda creates and removes the functions' network interfaces with their roles (AWSLambdaVPCAccessExecutionRole's EC2 part). */
    static final List<String> DESCRIBE_ACTIONS = List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets");
    static final List<String> INTERFACE_ACTIONS = List.of("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses");

    /**
     * Both or neither: plain ids, or parameters' list tokens (whose pairing the stack's rules check).
     *
     * @param subnetIds        subnets the functions' network interfaces are placed in
     * @param securityGroupIds security groups of those interfaces
     */
    public record Props(List<String> subnetIds, List<String> securityGroupIds) {
        /** Outside any VPC, Lambda's default. */
        public static final Props NONE = new Props(List.of(), List.of());

        public Props {
            subnetIds = List.copyOf(Objects.requireNonNull(subnetIds, "subnetIds"));
            securityGroupIds = List.copyOf(Objects.requireNonNull(securityGroupIds, "securityGroupIds"));
            if (!Token.isUnresolved(subnetIds) && !Token.isUnresolved(securityGroupIds)
                    && subnetIds.isEmpty() != securityGroupIds.isEmpty()) {
                throw new IllegalArgumentException(subnetIds.isEmpty()
                        ? "securityGroupIds given without subnetIds: a function in a VPC needs both"
                        : "subnetIds given without securityGroupIds: a function in a VPC needs both");
            }
        }

        /** Plainly empty: nothing to add to the template. */
        boolean none() {
            return !Token.isUnresolved(subnetIds) && subnetIds.isEmpty();
        }
    }

    private final Props props;
    private final CfnCondition inVpc;
    private final ConditionalPolicy interfaces;

    public PrivateNetwork(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        inVpc = CfnCondition.Builder.create(this, "InVpc")
                .expression(Fn.conditionNot(Fn.conditionEquals(Fn.join("", props.subnetIds()), "")))
                .build();
        String inThisAccount = "arn:" + Aws.PARTITION + ":ec2:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":";
        interfaces = new ConditionalPolicy(this, "Interfaces", new ConditionalPolicy.Props(inVpc, List.of(
                PolicyStatement.Builder.create().actions(DESCRIBE_ACTIONS).resources(List.of("*")).build(),
                PolicyStatement.Builder.create().actions(INTERFACE_ACTIONS)
                        .resources(List.of(inThisAccount + "network-interface/*", inThisAccount + "subnet/*",
                                inThisAccount + "security-group/*"))
                        .build())));
        NagSuppressions.suppress(interfaces.policy(), "AwsSolutions-IAM5", "Describe* of network interfaces and"
                + " subnets has no resource-level permission; the interfaces Lambda creates have no id beforehand; the"
                + " rest is this account's and region's subnets and security groups, which SubnetIds and"
                + " SecurityGroupIds choose (a parameter list cannot be turned into ARNs one by one)");
        // CDK's validation evaluates both branches with the parameters' defaults: an empty security group id, in
        // the branch taken only when SubnetIds (and so, by the stack's rules, SecurityGroupIds) is given.
        Validations.of(this).acknowledge(Acknowledgment.builder().id("CloudFormation-Validate::E1150")
                .reason("VpcConfig is Fn::If on SubnetIds being given; the empty ids validated here are never used")
                .build());
    }

    /** The function runs in the subnets once its role may create its network interfaces there. */
    public void place(IFunction function, IRole role) {
        interfaces.attachTo(role);
        CfnFunction resource = (CfnFunction) function.getNode().getDefaultChild();
        // Keys as CloudFormation spells them: inside Fn::If no property renderer converts them.
        Map<String, Object> vpcConfig = new LinkedHashMap<>();
        vpcConfig.put("SubnetIds", props.subnetIds());
        vpcConfig.put("SecurityGroupIds", props.securityGroupIds());
        resource.setVpcConfig(Fn.conditionIf(inVpc.getLogicalId(), vpcConfig, Aws.NO_VALUE));
        resource.getNode().addDependency(interfaces.ready());
    }
}
