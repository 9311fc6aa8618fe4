package dev.shardhouse.local.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How a runtime process is started: Lambda's Java runtime, i.e. the Runtime Interface Client
 * ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) loading the function's handler, with the
 * function's code and the client's jars on the class path.
 *
 * @param java       the {@code java} executable
 * @param classpath  the function's code (its Lambda jar) followed by the Runtime Interface Client's jars
 * @param jniLibrary the client's native library, unpacked for this launch alone (see {@link #unpackJni})
 */
public record RuntimeLaunch(Path java, List<Path> classpath, Path jniLibrary) {

    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** The system property naming the native library the client loads instead of unpacking its own. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /** The artifacts of aws-lambda-java-runtime-interface-client and its dependencies. */
    private static final List<String> CLIENT_ARTIFACTS = List.of("aws-lambda-java-runtime-interface-client",
            "aws-lambda-java-core", "aws-lambda-java-serialization", "utils-lite");

    public RuntimeLaunch {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(jniLibrary, "jniLibrary");
        // The runtime runs in its task directory, where a relative entry would point nowhere.
        classpath = classpath.stream().map(Path::toAbsolutePath).toList();
    }

    /** The function's Lambda jar run by the Runtime Interface Client found on {@code hostClasspath}. */
    public static RuntimeLaunch of(Path functionJar, String hostClasspath) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(functionJar);
        classpath.addAll(runtimeClientJars(hostClasspath));
        return new RuntimeLaunch(currentJava(), classpath, unpackJni(classpath));
    }

    /** Everything on {@code classpath} (e.g. a test class path, which holds the client too) as the function's code. */
    public static RuntimeLaunch ofClasspath(String classpath) {
        List<Path> entries = Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList();
        return new RuntimeLaunch(currentJava(), entries, unpackJni(entries));
    }

    /**
     * The client's JNI library for this machine, copied out of the client's jar into a file of its own. Left to
     * itself, every runtime process unpacks it to the same /tmp/.libaws-lambda-jni.so, overwriting the file other
     * processes have mapped: concurrent cold starts then die of SIGBUS.
     */
    static Path unpackJni(List<Path> classpath) {
        String entry = "jni/libaws-lambda-jni.linux-" + (System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64") + ".so";
        Path clientJar = classpath.stream()
                .filter(jar -> isJarOf(jar.toString(), CLIENT_ARTIFACTS.get(0)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the class path holds no " + CLIENT_ARTIFACTS.get(0) + " jar"));
        try (ZipFile jar = new ZipFile(clientJar.toFile())) {
            ZipEntry library = jar.getEntry(entry);
            if (library == null) {
                throw new IllegalArgumentException(clientJar + " holds no " + entry);
            }
            Path copy = Files.createTempFile("shardhouse-lambda-jni-", ".so");
            copy.toFile().deleteOnExit();
            try (InputStream in = jar.getInputStream(library)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + entry + " from " + clientJar, e);
        }
    }

    /** The Runtime Interface Client's jars among the entries of a class path; fails if the client is not there. */
    static List<Path> runtimeClientJars(String hostClasspath) {
        List<Path> jars = Arrays.stream(hostClasspath.split(File.pathSeparator))
                .filter(entry -> CLIENT_ARTIFACTS.stream().anyMatch(artifact -> isJarOf(entry, artifact)))
                .map(Path::of)
                .toList();
        if (jars.stream().noneMatch(jar -> isJarOf(jar.toString(), CLIENT_ARTIFACTS.get(0)))) {
            throw new IllegalArgumentException("the class path holds no " + CLIENT_ARTIFACTS.get(0)
                    + " jar; give the test class path of the function module (mvn dependency:build-classpath)");
        }
        return jars;
    }

    /**
     * Starts the runtime for {@code function} against the Runtime API at {@code runtimeApi}, in {@code taskRoot}
     * (Lambda's /var/task: the client also loads classes from there). The environment holds Lambda's reserved
     * variables and the function's own, nothing inherited but PATH. Output and errors go to one stream.
     */
    Process start(FunctionConfig function, String runtimeApi, Path taskRoot) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        // Close to Lambda's Java runtime: heap from the memory size, fast-starting JIT, serial GC.
        command.add("-Xmx" + function.memoryMb() * 85 / 100 + "m");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-D" + JNI_PROPERTY + "=" + jniLibrary);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(RUNTIME_MAIN);
        command.add(function.handler());
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("_HANDLER", function.handler());
        environment.put("AWS_REGION", function.region());
        environment.put("AWS_DEFAULT_REGION", function.region());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroupName());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + taskRoot.getFileName());
        // The deployed functions' log format (infra ShardhouseFunction): the runtime's own lines, its errors, as JSON too.
        environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.putAll(function.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the function's runtime: " + String.join(" ", command), e);
        }
    }

    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static boolean isJarOf(String entry, String artifact) {
        String name = Path.of(entry).getFileName().toString();
        return name.endsWith(".jar") && name.startsWith(artifact + "-") && Character.isDigit(name.charAt(artifact.length() + 1));
    }
}
