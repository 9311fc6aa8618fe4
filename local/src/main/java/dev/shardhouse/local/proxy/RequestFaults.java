package dev.shardhouse.local.proxy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Faults armed for the next HTTP requests that match a trigger: a test or a chaos run arms "drop the response of the
 * next commit", and the first request carrying a commit gets it, once. Requests no armed fault matches pass untouched.
 */
public final class RequestFaults {

    private record Armed(String label, Predicate<String> trigger, RequestFault fault) {
    }

    private final List<Armed> armed = new ArrayList<>();
    private final FaultTally tally = new FaultTally();

    /** Arms {@code fault} for the next request whose {@link HttpRequestPreview#text()} the trigger accepts. */
    public void arm(Predicate<String> trigger, RequestFault fault) {
        arm(fault.label(), trigger, fault);
    }

    /** As {@link #arm(Predicate, RequestFault)}, counted in the {@link #tally()} under {@code label} when it applies. */
    public synchronized void arm(String label, Predicate<String> trigger, RequestFault fault) {
        armed.add(new Armed(label, trigger, fault));
    }

    /** The faults armed and not yet applied. */
    public synchronized int armed() {
        return armed.size();
    }

    /** Disarms what no request has matched yet; returns how many that was. */
    public synchronized int disarm() {
        int left = armed.size();
        armed.clear();
        return left;
    }

    public FaultTally tally() {
        return tally;
    }

    /** The fault for a request: the first armed one whose trigger matches, taken; else none. */
    synchronized RequestFault choose(HttpRequestPreview request) {
        String text = request.text();
        for (Iterator<Armed> each = armed.iterator(); each.hasNext(); ) {
            Armed candidate = each.next();
            if (candidate.trigger().test(text)) {
                each.remove();
                tally.add(candidate.label());
                return candidate.fault();
            }
        }
        return RequestFault.NONE;
    }
}
