package dev.shardhouse.map.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The CSV and TSV splitters and the UTF-8 check against their slow readings ({@link ReferenceSplitter}, the JDK's
 * strict decoder): the same fields, or the same refusal. Regression mode replays the corpus in
 * {@code DelimitedFuzzTestInputs/}; bin/fuzz fuzzes.
 */
class DelimitedFuzzTest {

    @FuzzTest
    void csvSplitsAsTheReferenceReadsIt(byte[] record) {
        assertSameSplit(CsvRecord::split, ReferenceSplitter::csv, record);
    }

    @FuzzTest
    void tsvSplitsAsTheReferenceReadsIt(byte[] record) {
        assertSameSplit(TsvRecord::split, ReferenceSplitter::tsv, record);
    }

    @FuzzTest
    void utf8IsValidExactlyWhenTheJdkDecodesIt(byte[] bytes) {
        assertEquals(ReferenceSplitter.decodes(bytes), Utf8.isValid(bytes, 0, bytes.length));
    }

    private static void assertSameSplit(BiConsumer<byte[], TextFields> splitter,
            Function<byte[], List<String>> reference, byte[] record) {
        List<String> expected;
        try {
            expected = reference.apply(record);
        } catch (MalformedRecordException refused) {
            MalformedRecordException actual =
                    assertThrows(MalformedRecordException.class, () -> Fields.of(splitter, record));
            // The reference does not locate bad UTF-8; the splitter names its first byte.
            assertTrue(actual.getMessage().startsWith(refused.getMessage()), actual.getMessage());
            return;
        }
        assertEquals(expected, Fields.of(splitter, record));
    }
}
