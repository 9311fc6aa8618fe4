package dev.shardhouse.infra;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * AWS's own rule packs (cdk-nag AwsSolutions and Serverless) on the app: no finding is left unsuppressed, and every
 * suppression states its reason next to the resource it concerns (cdk_nag metadata, see {@link NagSuppressions}).
 */
class CdkNagTest {

    private static Annotations annotations;

    @BeforeAll
    static void synthesizeWithTheRulePacks() {
        App app = SynthesizedStack.app();
        ShardhouseStack stack = new ShardhouseStack(app, ShardhouseApp.STACK_ID, StackProps.builder().build(),
                SynthesizedStack.standInJar());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(app).add(new ServerlessChecks(NagPackProps.builder().verbose(true).build()));
        annotations = Annotations.fromStack(stack);
    }

    private static List<String> findings(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
    }

    @Test
    void noRuleOfEitherPackIsBroken() {
        List<String> found = Stream.concat(
                findings(annotations.findError("*", Match.anyValue())).stream(),
                findings(annotations.findWarning("*", Match.anyValue())).stream()).toList();
        assertEquals(List.of(), found, String.join("\n", found));
    }
}
