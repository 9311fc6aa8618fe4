package dev.shardhouse.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionJarTest {

    @TempDir
    Path dir;

    @Test
    void aGivenPathThatExistsIsUsed() throws IOException {
        Path jar = Files.writeString(dir.resolve("function.jar"), "jar");
        assertEquals(jar, FunctionJar.locate(jar.toString()));
    }

    @Test
    void aMissingJarIsAnErrorNamingThePathAndHowToBuildIt() {
        Path missing = dir.resolve("absent.jar");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> FunctionJar.locate(missing.toString()));
        assertTrue(error.getMessage().contains(missing.toAbsolutePath().toString()), error.getMessage());
        assertTrue(error.getMessage().contains("mvn -B -pl function -am package -DskipTests"), error.getMessage());
        assertTrue(error.getMessage().contains("-c functionJar="), error.getMessage());
    }

    @Test
    void theDefaultIsTheShadedJarOfThisBuildsVersion() {
        assertTrue(FunctionJar.defaultPath().matches("\\.\\./function/target/shardhouse-function-[0-9][0-9A-Za-z.-]*-lambda\\.jar"),
                FunctionJar.defaultPath());
    }
}
