package dev.shardhouse.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.shardhouse.config.Environment;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.tracker.TrackerConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code sam local invoke} gives the functions with the committed samconfig.toml and events/ files: the
 * template's variables resolved as SAM resolves them, overridden by the env file. The functions must start on it.
 */
class SamLocalInvokeTest {

    private static final Path REPO = Path.of("..");

    private static Map<String, String> samEnvironment(String function, Path envVarsFile) {
        return SamLocalEnvironment.of(SynthesizedStack.json(), function, envVarsFile, Map.of());
    }

    private static String eventSourceArn(String eventFile) throws IOException {
        return new ObjectMapper().readTree(REPO.resolve("events").resolve(eventFile).toFile())
                .get("Records").get(0).get("eventSourceARN").asText();
    }

    private static String noSecret(String arn) {
        throw new AssertionError("the env files name no secret, yet " + arn + " was read");
    }

    @Test
    void withoutAnOverrideSamMakesTheCreatedStreamsArnALambdaArn(@TempDir Path empty) throws IOException {
        // What the issue saw: the emulation must reproduce it, or it could not catch it either.
        Path noOverrides = Files.writeString(empty.resolve("env.json"), "{}");
        String streamArn = samEnvironment("IngestFunction", noOverrides).get("STREAM_ARN");
        assertTrue(streamArn.startsWith("arn:aws:lambda:us-east-1:123456789012:function:Source"), streamArn);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"env.json, kinesis-json-batch.json, orders", "env-csv.json, kinesis-csv-batch.json, orders_csv"})
    void theIngestFunctionStartsOnTheStreamOfItsEvents(String envFile, String eventFile, String table) throws IOException {
        Map<String, String> environment = samEnvironment("IngestFunction", REPO.resolve("events").resolve(envFile));
        IngestConfig config = IngestConfig.from(new Environment(environment), SamLocalInvokeTest::noSecret);
        assertEquals(eventSourceArn(eventFile), config.streamArn().orElseThrow());
        assertEquals(table, config.targetTable());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"env.json, kinesis-json-batch.json, orders", "env-csv.json, kinesis-csv-batch.json, orders_csv"})
    void theTrackerStartsOnTheSameStream(String envFile, String eventFile, String table) throws IOException {
        Map<String, String> environment = samEnvironment("TrackerFunction", REPO.resolve("events").resolve(envFile));
        TrackerConfig config = TrackerConfig.from(new Environment(environment), SamLocalInvokeTest::noSecret);
        assertEquals(eventSourceArn(eventFile), config.streamArn());
        assertEquals(table, config.targetTable());
    }

    @Test
    void samconfigDeploysTheStackCdkDeploysAndInvokesItsTemplate() throws IOException {
        String samconfig = Files.readString(REPO.resolve("samconfig.toml"));
        assertEquals(ShardhouseApp.STACK_ID, setting(samconfig, "stack_name"));
        assertEquals("infra/cdk.out/" + ShardhouseApp.STACK_ID + ".template.json", setting(samconfig, "template_file"));
    }

    private static String setting(String toml, String key) {
        Matcher matcher = Pattern.compile("(?m)^" + key + " = \"([^\"]*)\"").matcher(toml);
        assertTrue(matcher.find(), key + " is not set in samconfig.toml");
        return matcher.group(1);
    }
}
