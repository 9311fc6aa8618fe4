package dev.shardhouse.local.proxy;

import java.time.Duration;
import java.util.Locale;

/** What the proxy does to one HTTP request and its response. */
public sealed interface RequestFault {

    /** The name figures print for the fault: its type's name in snake case ({@code drop_response}). */
    default String label() {
        return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Forwarded untouched. */
    RequestFault NONE = new None();

    record None() implements RequestFault {
    }

    /**
     * The request reaches the server whole; the server's response is swallowed and both connections are reset: the
     * statement ran (an insert landed, a compare-and-set took effect), but the client only sees a broken connection.
     */
    record DropResponse() implements RequestFault {
    }

    /**
     * Half of the request body's first bytes reach the server, then the client's connection is reset and the server's
     * ended (see {@link Link#cutClient}): the server reads a body that stops short.
     */
    record ResetMidRequestBody() implements RequestFault {
    }

    /** The request reaches the server whole; half of the response's first bytes reach the client, then a reset. */
    record ResetMidResponse() implements RequestFault {
    }

    /** The response is held for {@code delay} before it is forwarded. */
    record LatencySpike(Duration delay) implements RequestFault {
        public LatencySpike {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a latency spike cannot be negative: " + delay);
            }
        }
    }

    /** Both directions of the request trickle at {@code bytesPerSecond}. */
    record BandwidthLimit(int bytesPerSecond) implements RequestFault {
        public BandwidthLimit {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("a bandwidth limit must be at least 1 byte a second: " + bytesPerSecond);
            }
        }
    }
}
