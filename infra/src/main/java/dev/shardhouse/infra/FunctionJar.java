package dev.shardhouse.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Finds the shaded function jar the stack deploys. */
final class FunctionJar {

    /** CDK context key (`cdk synth -c functionJar=...`) that overrides the default path. */
    static final String CONTEXT_KEY = "functionJar";

    private FunctionJar() {
    }

    /**
     * @param override the path from the CDK context, or null for the build's default (relative to infra/)
     * @throws IllegalStateException naming the path and how to build it when the jar is missing
     */
    static Path locate(Object override) {
        Path jar = Path.of(override != null ? override.toString() : defaultPath());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("function jar not found: " + jar.toAbsolutePath()
                    + "; build it with `mvn -B -pl function -am package -DskipTests` (bin/synth does),"
                    + " or pass another path with -c " + CONTEXT_KEY + "=<path>");
        }
        return jar;
    }

    static String defaultPath() {
        Properties properties = new Properties();
        try (InputStream in = FunctionJar.class.getResourceAsStream("function-jar.properties")) {
            if (in == null) {
                throw new IllegalStateException("function-jar.properties is missing from the infra build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("path");
    }
}
