package dev.shardhouse.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app (cdk.json runs it). Context: {@code functionJar} (path of the shaded function jar) and
 * {@code stackName} (CloudFormation stack name, to deploy Shardhouse once per stream).
 */
public final class ShardhouseApp {

    /** The stack's construct id, also its CloudFormation name unless the context names another (samconfig.toml too). */
    static final String STACK_ID = "ShardhouseStack";

    private ShardhouseApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Object stackName = app.getNode().tryGetContext("stackName");
        new ShardhouseStack(app, STACK_ID, StackProps.builder()
                .stackName(stackName == null ? null : stackName.toString())
                .description("Shardhouse: Amazon Kinesis Data Streams into ClickHouse, exactly once")
                .build(),
                FunctionJar.locate(app.getNode().tryGetContext(FunctionJar.CONTEXT_KEY)));
        app.synth();
    }
}
