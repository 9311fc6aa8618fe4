package dev.shardhouse.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    private static final Map<String, String> LOCAL_STACK =
            Map.of("CLICKHOUSE_URL", "http://127.0.0.1:58123", "KINESIS_ENDPOINT", "http://127.0.0.1:54568");

    @Test
    void defaultsRunTheLocalDemo() {
        DemoOptions options = DemoOptions.parse(LOCAL_STACK, "--function-jar", "f.jar");

        assertEquals(4000, options.records());
        assertEquals(4, options.shards());
        assertEquals(DemoOptions.Reshard.SCALE, options.reshard());
        assertTrue(options.localKinesis());
        assertTrue(options.stream().startsWith("local-demo-"), options.stream());
        assertEquals(Path.of("f.jar"), options.functionJar());
        assertEquals(0.05, options.chaos());
        assertEquals(500, options.badEvery());
    }

    @Test
    void endpointsComeFromTheLocalStacksEnvironmentUnlessGiven() {
        DemoOptions options = DemoOptions.parse(LOCAL_STACK, "--function-jar", "f.jar", "--kinesis-endpoint", "aws");

        assertEquals("http://127.0.0.1:58123", options.clickHouseUrl());
        assertEquals("aws", options.kinesisEndpoint());
        assertEquals("--clickhouse-url is required when CLICKHOUSE_URL is not set (bin/demo sets it from bin/local-stack env)",
                assertThrows(IllegalArgumentException.class,
                        () -> DemoOptions.parse(Map.of("KINESIS_ENDPOINT", "aws"), "--function-jar", "f.jar")).getMessage());
    }

    @Test
    void flagsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        DemoOptions options = DemoOptions.parse(LOCAL_STACK, "--function-jar=f.jar", "--records", "2000", "--reshard=split-merge",
                "--kinesis-endpoint", "aws", "--stream", "orders", "--create-stream", "false", "--chaos", "0",
                "--tracker-interval-seconds=5");

        assertEquals(2000, options.records());
        assertEquals(DemoOptions.Reshard.SPLIT_MERGE, options.reshard());
        assertFalse(options.localKinesis());
        assertEquals("orders", options.stream());
        assertFalse(options.createStream());
        assertEquals(0.0, options.chaos());
        assertEquals(Duration.ofSeconds(5), options.trackerInterval());
    }

    @Test
    void badFlagsAreNamed() {
        assertEquals("--records must be a positive whole number, not '0'",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(LOCAL_STACK, "--function-jar", "f", "--records", "0")).getMessage());
        assertEquals("--chaos must be a probability from 0 to 1, not '2'",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(LOCAL_STACK, "--function-jar", "f", "--chaos", "2")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(LOCAL_STACK, "--function-jar", "f", "--shard", "3"))
                .getMessage().startsWith("unknown flag --shard\nUsage: bin/demo"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(LOCAL_STACK, "--records", "3"))
                .getMessage().startsWith("--function-jar is required"));
    }
}
