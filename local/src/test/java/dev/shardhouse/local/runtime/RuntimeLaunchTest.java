package dev.shardhouse.local.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

class RuntimeLaunchTest {

    /** Where the client unpacks its library when not told otherwise, for every process alike. */
    private static final Path SHARED_LIBRARY = Path.of("/tmp/.libaws-lambda-jni.so");

    @Test
    void eachLaunchHasItsOwnCopyOfTheClientsNativeLibrary() throws Exception {
        RuntimeLaunch first = RuntimeLaunch.ofClasspath(System.getProperty("java.class.path"));
        RuntimeLaunch second = RuntimeLaunch.ofClasspath(System.getProperty("java.class.path"));

        assertNotEquals(SHARED_LIBRARY, first.jniLibrary());
        assertNotEquals(first.jniLibrary(), second.jniLibrary());
        Path clientJar = RuntimeLaunch.runtimeClientJars(System.getProperty("java.class.path")).stream()
                .filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-"))
                .findFirst()
                .orElseThrow();
        try (ZipFile jar = new ZipFile(clientJar.toFile())) {
            byte[] library = jar.getInputStream(jar.getEntry("jni/libaws-lambda-jni.linux-x86_64.so")).readAllBytes();
            assertArrayEquals(library, Files.readAllBytes(first.jniLibrary()));
        }
    }
}
