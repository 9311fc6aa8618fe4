package dev.shardhouse.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.local.mapping.MappingReport;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short {@code bin/demo}: 2,000 records into a 4-shard stream scaled to 8 halfway, delivered with every kind of
 * chaos to the packaged ingest function run by the real Lambda runtime client, with the tracker on its schedule.
 * Every record must end up stored exactly once, every 100th, made bad, in the error table.
 */
class DemoIT {

    private static final int RECORDS = 2000;

    @Test
    void everyRecordIsStoredExactlyOnceThroughAReshardAndEveryKindOfChaos() throws Exception {
        DemoOptions options = DemoOptions.parse(
                "--records", Integer.toString(RECORDS),
                "--rate", "250",
                "--reshard", "scale",
                "--batch-size", "50",
                "--chaos", "0.25",
                "--seed", "7",
                "--bad-every", "100",
                "--tracker-interval-seconds", "10",
                "--database", "it_local_demo",
                "--table", "demo_it_events",
                "--function-jar", functionJar().toString(),
                "--log-file", "target/demo-it/function.log");

        Demo.Verdict verdict = new Demo(options, System.out).verdict();

        Verification verification = verdict.verification();
        assertEquals(List.of(), verification.missing());
        assertEquals(List.of(), verification.duplicated());
        assertEquals(List.of(), verification.unexpected());
        assertEquals(RECORDS, verification.produced());
        assertEquals(RECORDS, verification.stored());
        assertEquals(RECORDS / 100, verification.inErrorTable(), "every 100th record is bad");
        MappingReport mapping = verdict.mapping();
        assertTrue(mapping.shardsFinished() >= 4, "the four parent shards were not drained: " + mapping);
        assertTrue(mapping.chaosWholeRedeliveries() > 0, "no batch was redelivered whole: " + mapping);
        assertTrue(mapping.chaosOverlappingRedeliveries() > 0, "no batch was redelivered shifted: " + mapping);
        assertTrue(mapping.chaosKills() > 0, "no runtime was killed mid-invocation: " + mapping);
        assertTrue(mapping.chaosConcurrentPairs() > 0, "no batch was delivered twice at once: " + mapping);
    }

    /** The Lambda jar the package phase built (failsafe runs after it). */
    private static Path functionJar() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "shardhouse-function-*-lambda.jar")) {
            found.forEach(jars::add);
        }
        assertEquals(1, jars.size(), "expected one Lambda jar in target/, found " + jars + ": run mvn verify");
        return jars.get(0);
    }
}
