package dev.shardhouse.local.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts child JVMs configured like Lambda's Java 17 runtime: Serial GC (the runtime launches java with
 * {@code -XX:+UseSerialGC}) and compilation stopped at C1 (the java17 runtime's default, per AWS's "Customize Java
 * runtime startup behavior" page), with this JVM's class path.
 */
final class LambdaJvm {

    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private LambdaJvm() {
    }

    /** {@code java <FLAGS> <extraFlags> -cp <this class path> <mainClass> <args>}. */
    static List<String> command(List<String> extraFlags, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
