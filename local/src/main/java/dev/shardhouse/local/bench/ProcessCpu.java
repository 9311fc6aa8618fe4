package dev.shardhouse.local.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of this process, every thread included (the JVM's collector and compilers too), in nanoseconds. On Linux
 * it sums the threads' {@code schedstat}, because the JVM's own process CPU time counts whole 10 ms clock ticks
 * there, too coarse for one batch. A thread that ends between two readings drops out of the second; an interval
 * also holds part of the readings' own cost (about a millisecond).
 */
final class ProcessCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    static long nanos() {
        if (!Files.isDirectory(TASKS)) {
            return PROCESS.getProcessCpuTime();
        }
        try (Stream<Path> threads = Files.list(TASKS)) {
            return threads.mapToLong(ProcessCpu::threadNanos).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long threadNanos(Path thread) {
        try {
            return Long.parseLong(Files.readString(thread.resolve("schedstat")).split(" ")[0]);
        } catch (IOException ended) {
            // The thread ended after the listing: its file is gone (ENOENT) or unreadable (ESRCH).
            return 0;
        }
    }
}
