package dev.shardhouse.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code events/} directory, found from the module or the repository root. */
public final class EventFiles {

    private EventFiles() {
    }

    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path events = dir.resolve("events");
            if (Files.isDirectory(events) && Files.exists(dir.resolve("pom.xml"))) {
                return events;
            }
        }
        throw new IllegalStateException("no events/ directory above " + Path.of("").toAbsolutePath());
    }

    static Path path(String name) {
        return directory().resolve(name);
    }

    static String read(String name) {
        try {
            return Files.readString(path(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
