package dev.shardhouse.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the Kinesis sample events of {@link SampleEvents} into a directory (the repository's {@code events/}).
 * From the repository root:
 * <pre>
 * mvn -B -q -pl function test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=dev.shardhouse.events.SampleEventsGenerator -Dexec.args=events
 * </pre>
 * {@code SampleEventFilesTest} fails when the committed files differ from what this writes.
 */
public final class SampleEventsGenerator {

    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private SampleEventsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SampleEventsGenerator <events directory>");
        }
        Path directory = Path.of(args[0]);
        Files.createDirectories(directory);
        for (Map.Entry<String, JsonNode> file : SampleEvents.files().entrySet()) {
            Files.writeString(directory.resolve(file.getKey()), render(file.getValue()), StandardCharsets.UTF_8);
        }
    }

    /** The file text of an event: two-space indents, {@code "key": value}, a final line break. */
    static String render(JsonNode event) {
        try {
            return WRITER.writeValueAsString(event) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
