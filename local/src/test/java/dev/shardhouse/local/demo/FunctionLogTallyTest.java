package dev.shardhouse.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionLogTallyTest {

    private static final List<String> LINES = List.of(
            "START RequestId: 1 Version: $LATEST",
            "{\"event\":\"batch\",\"RecordsInserted\":8,\"DuplicatesSkipped\":2,\"RecordsFailed\":0}",
            "{\"event\":\"batch_failed\",\"records\":5,\"DuplicatesSkipped\":40}",
            "{not json",
            "{\"event\":\"batch\",\"RecordsInserted\":0,\"DuplicatesSkipped\":10,\"RecordsFailed\":1}");

    @Test
    void everyLineIsKeptAndTheFunctionsJsonLinesAreAddedUp(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("logs/function.log");
        try (FunctionLogTally tally = new FunctionLogTally(file)) {
            LINES.forEach(tally);

            assertEquals(new FunctionLogFigures(8, 12, 0, 1, 0), tally.figures());
        }
        assertEquals(LINES, Files.readAllLines(file));
    }
}
