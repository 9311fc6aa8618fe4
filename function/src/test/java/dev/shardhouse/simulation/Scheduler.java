package dev.shardhouse.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs every actor (an invocation of the function, a tracker run) on a thread of its own but lets exactly one of them
 * run at a time: each simulated call first waits at {@link #gate} until the controller grants it. So the real code runs
 * unchanged and blocking, while the controller, from its seeded choices alone, decides which call happens next and what
 * fault it meets; with one thread running at a time the run is a function of those choices. A thread that neither
 * makes a simulated call nor ends within {@link #HANG_MILLIS} is reported rather than waited for.
 */
final class Scheduler {

    static final long HANG_MILLIS = 20_000;

    /** A call an actor is waiting to make, and the faults it may be given. */
    record Parked(String label, List<Fault> faults) {
    }

    /** Unwinds an actor's thread when a run ends with it still parked; an Error so that no catch in the real code keeps it. */
    static final class Aborted extends Error {
        Aborted() {
            super("simulation run ended", null, false, false);
        }
    }

    private final ThreadLocal<String> self = new ThreadLocal<>();
    private final Map<String, Parked> parked = new TreeMap<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Actors whose process is gone: the call each waits at may still land (it was sent), none after it is made. */
    private final Set<String> killed = new TreeSet<>();
    /** Actors whose thread ended by an exception the simulation did not expect: a fault of the harness or the code. */
    private final List<String> deaths = new ArrayList<>();
    private String running;
    private String granted;
    private Fault grantedFault = Fault.NONE;
    private boolean aborted;

    /** Called by an actor's thread before a simulated call: waits for the controller to grant it. */
    Fault gate(String label, Fault... faults) {
        String me = self.get();
        if (me == null) {
            throw new IllegalStateException("a simulated call outside any actor: " + label);
        }
        synchronized (this) {
            if (killed.contains(me)) {
                running = null;
                notifyAll();
                throw new Aborted();
            }
            parked.put(me, new Parked(label, List.of(faults)));
            running = null;
            notifyAll();
            while (!me.equals(granted) && !aborted) {
                waitQuietly(0);
            }
            if (aborted) {
                throw new Aborted();
            }
            granted = null;
            parked.remove(me);
            return grantedFault;
        }
    }

    /** Starts an actor and returns once it waits at its first call or has ended. */
    void start(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            self.set(name);
            try {
                body.run();
            } catch (Aborted ignored) {
                // the run ended while this actor waited: nothing of it is observed any more
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    deaths.add(name + " died of " + e);
                }
            } finally {
                synchronized (this) {
                    if (name.equals(running)) {
                        running = null;
                    }
                    notifyAll();
                }
            }
        }, "simulated-" + name);
        thread.setDaemon(true);
        synchronized (this) {
            running = name;
            threads.add(thread);
        }
        thread.start();
        awaitQuiet(name);
    }

    /** Lets {@code name} make the call it waits at, with {@code fault}, and returns once it waits again or has ended. */
    void grant(String name, Fault fault) {
        synchronized (this) {
            if (!parked.containsKey(name)) {
                throw new IllegalStateException(name + " is not waiting at a call");
            }
            granted = name;
            grantedFault = fault;
            running = name;
            notifyAll();
        }
        awaitQuiet(name);
    }

    /**
     * Kills an actor's process, as Lambda does at a timeout: the call it waits at is in flight and may still land
     * (or never: the run may end first); it makes no call after that.
     */
    synchronized void kill(String name) {
        killed.add(name);
    }

    synchronized List<String> deaths() {
        return List.copyOf(deaths);
    }

    synchronized Map<String, Parked> parked() {
        return new TreeMap<>(parked);
    }

    /** Unwinds every actor still waiting, and waits for their threads to end. */
    void abort() {
        List<Thread> all;
        synchronized (this) {
            aborted = true;
            notifyAll();
            all = List.copyOf(threads);
        }
        for (Thread thread : all) {
            try {
                thread.join(HANG_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void awaitQuiet(String name) {
        long deadline = System.currentTimeMillis() + HANG_MILLIS;
        while (running != null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IllegalStateException(name + " neither made a simulated call nor ended within "
                        + HANG_MILLIS + " ms: the real code blocks on something the simulation does not gate");
            }
            waitQuietly(left);
        }
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the simulation's turn", e);
        }
    }
}
