package dev.shardhouse.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average (Linux), to show how busy the machine was while it was measured. */
final class MachineLoad {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private MachineLoad() {
    }

    /** The 1-minute load average, or "unknown" where /proc/loadavg does not exist. */
    static String oneMinute() {
        try {
            return Files.readString(LOADAVG).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
