package dev.shardhouse.map.rowbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Epoch numbers of extreme exponents, found by FlatJsonObjectFuzzTest: rounding one below a nanosecond, such as
 * {@code 1e-999999999}, to whole seconds built 10^999999999 and threw an ArithmeticException out of the mapping, which
 * failed its batch on every retry (and smaller exponents took long). Each is now read to the value the rounding gives.
 */
class EpochExtremesTest {

    @Test
    void anEpochBelowANanosecondIsTheEpochFlooredToTheNanosecond() {
        assertEquals(Instant.EPOCH, Timestamps.fromEpoch(new BigDecimal("1e-999999999")));
        assertEquals(Instant.EPOCH.minusNanos(1), Timestamps.fromEpoch(new BigDecimal("-1E-999999999")));
        assertEquals(Instant.EPOCH, Timestamps.fromEpoch(new BigDecimal("0e-999999999")));
    }

    @Test
    void theCutOffKeepsTheLastNanosecondsExact() {
        assertEquals(Instant.ofEpochSecond(0, 1), Timestamps.fromEpoch(new BigDecimal("0.0000000019")));
        assertEquals(Instant.ofEpochSecond(-1, 999_999_999), Timestamps.fromEpoch(new BigDecimal("-0.00000000001")));
        assertEquals(Instant.EPOCH, Timestamps.fromEpoch(new BigDecimal("0.00000000099")));
    }

    @Test
    void columnsWriteThem() {
        assertEquals("ff ff ff ff ff ff ff ff", Encode.json("DateTime64(9)", "-1e-999999999"));
        assertEquals("00 00 00 00 00 00 00 00", Encode.text("DateTime64(3)", "1e-999999999"));
    }
}
