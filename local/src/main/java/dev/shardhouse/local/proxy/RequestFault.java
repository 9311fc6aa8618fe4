package dev.shardhouse.local.proxy;

import java.time.Duration;

/** What the proxy does to one HTTP request and its response. */
public sealed interface RequestFault {

    /** The name figures print for the fault. */
    String label();

    /** Forwarded untouched. */
    RequestFault NONE = new None();

    record None() implements RequestFault {
        @Override
        public String label() {
            return "none";
        }
    }

    /**
     * The request reaches the server whole; the server's response is swallowed and both connections are reset: the
     * statement ran (an insert landed, a compare-and-set took effect), but the client only sees a broken connection.
     */
    record DropResponse() implements RequestFault {
        @Override
        public String label() {
            return "response_dropped";
        }
    }

    /** Half of the request body's first bytes reach the server, then both connections are reset. */
    record ResetMidRequestBody() implements RequestFault {
        @Override
        public String label() {
            return "reset_mid_request_body";
        }
    }

    /** The request reaches the server whole; half of the response's first bytes reach the client, then a reset. */
    record ResetMidResponse() implements RequestFault {
        @Override
        public String label() {
            return "reset_mid_response";
        }
    }

    /** The response is held for {@code delay} before it is forwarded. */
    record LatencySpike(Duration delay) implements RequestFault {
        public LatencySpike {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a latency spike cannot be negative: " + delay);
            }
        }

        @Override
        public String label() {
            return "latency_spike";
        }
    }

    /** Both directions of the request trickle at {@code bytesPerSecond}. */
    record BandwidthLimit(int bytesPerSecond) implements RequestFault {
        public BandwidthLimit {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("a bandwidth limit must be at least 1 byte a second: " + bytesPerSecond);
            }
        }

        @Override
        public String label() {
            return "bandwidth_limit";
        }
    }
}
