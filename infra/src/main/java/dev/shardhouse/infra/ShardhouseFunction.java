package dev.shardhouse.infra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * A Shardhouse Lambda function (Java 21 on arm64, code from the shaded function jar) with its own role and log group.
 * The role starts with nothing but writing to that log group; callers grant the rest.
 */
public final class ShardhouseFunction extends Construct {

    private static final String JAVA_21_REASON = "Java 21 is the newest LTS runtime the function is measured on"
            + " (BENCHMARKS.md) and whose JIT flags it sets (IngestJitCompiler); Java 25 waits for its own measurements";

    /**
     * @param name             logical id of the function in the template, also its id for {@code sam local invoke}
     * @param environment      environment variables, all names from dev.shardhouse.config.Setting
     * @param logRetentionDays days the log group keeps events (a number or a parameter token)
     */
    public record Props(String name, String description, String handler, Code code, Map<String, String> environment,
                        FunctionSizing sizing, Number logRetentionDays) {
        public Props {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(code, "code");
            // Insertion order kept: the template stays byte-for-byte the same from one synth to the next.
            environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
            Objects.requireNonNull(sizing, "sizing");
            Objects.requireNonNull(logRetentionDays, "logRetentionDays");
        }
    }

    private final Role role;
    private final Function function;

    public ShardhouseFunction(Construct scope, String id, Props props) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs").removalPolicy(RemovalPolicy.DESTROY).build();
        // The L2 retention is an enum; a parameter token goes on the L1 property.
        ((CfnLogGroup) logs.getNode().getDefaultChild()).setRetentionInDays(props.logRetentionDays());

        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Execution role of " + props.name())
                .build();
        logs.grantWrite(role);

        function = Function.Builder.create(this, "Function")
                .description(props.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(props.handler())
                .code(props.code())
                .memorySize(props.sizing().memoryMb())
                .timeout(Duration.seconds(props.sizing().timeoutSeconds()))
                .environment(props.environment())
                .role(role)
                .logGroup(logs)
                // The runtime's own lines (an init failure, an uncaught error) as JSON objects, like the functions'.
                .loggingFormat(LoggingFormat.JSON)
                .build();
        CfnFunction resource = (CfnFunction) function.getNode().getDefaultChild();
        resource.overrideLogicalId(props.name());
        // sam local invoke names CDK functions by this metadata when present, else by their construct path.
        resource.addMetadata("SamResourceId", props.name());
        // CDK makes the function depend on its role explicitly as well as through Fn::GetAtt; the second edge changes
        // nothing, and cfn-lint's W3005 says only that.
        resource.addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("W3005"))));
        NagSuppressions.suppress(resource, "AwsSolutions-L1", JAVA_21_REASON);
        NagSuppressions.suppress(resource, "Serverless-LambdaLatestVersion", JAVA_21_REASON);
        NagSuppressions.suppress(resource, "Serverless-LambdaTracing", "every batch reports its stage timings as EMF"
                + " metrics; X-Ray would need xray:PutTraceSegments on every resource and shows no span inside the"
                + " function, which has no X-Ray SDK");
    }

    public Role role() {
        return role;
    }

    public Function function() {
        return function;
    }
}
