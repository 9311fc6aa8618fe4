package dev.shardhouse.map.rowbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    /** The grammar of a plain decimal number, as a regular expression: the reference for the hand-written check. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    @ParameterizedTest
    @ValueSource(strings = {"0", "-7", "+7", "1.", "1.5", ".5", "-.5", "1e5", "1E+5", "1.5e-05", ".5e1", "00012"})
    void plainDecimalNumbersAreDecimal(String text) {
        assertEquals(true, Numbers.isDecimal(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "-", ".", "+.", "e5", ".e5", "1e", "1e+", "1.5.", "1..5", "--1", "1 ", " 1", "0x1F",
        "1,5", "nan", "inf", "1e5.5", "١"})
    void anythingElseIsNot(String text) {
        assertEquals(false, Numbers.isDecimal(text), text);
    }

    @Test
    void overAThousandCharactersIsNot() {
        assertEquals(true, Numbers.isDecimal("1".repeat(1000)));
        assertEquals(false, Numbers.isDecimal("1".repeat(1001)));
    }

    @Test
    void randomTextAgreesWithTheGrammar() {
        String alphabet = "0123456789+-.eE x";
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 50_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(7); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();
            assertEquals(DECIMAL.matcher(candidate).matches(), Numbers.isDecimal(candidate), candidate);
        }
    }
}
