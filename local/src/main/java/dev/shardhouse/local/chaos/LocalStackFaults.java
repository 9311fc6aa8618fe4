package dev.shardhouse.local.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Service faults on a stack run by {@code bin/local-stack} from its own cache directory: the process to kill is the
 * one the script recorded, and only if its command line still names that cache (a PID alone may since belong to
 * anything). Restarts go through the script, which waits until the service answers. The script inherits this
 * process's environment, so the ports {@code bin/chaos} chose apply.
 */
final class LocalStackFaults implements ServiceFaults {

    private final Path script;
    private final Path cache;
    private final Consumer<String> log;

    LocalStackFaults(Path script, Path cache, Consumer<String> log) {
        this.script = script;
        this.cache = cache.toAbsolutePath().normalize();
        this.log = log;
    }

    @Override
    public void killClickHouse() throws InterruptedException {
        ProcessHandle server = recordedProcess("clickhouse");
        server.destroyForcibly(); // SIGKILL: no shutdown of tables, parts or keeper session
        server.onExit().join();
        log.accept("ClickHouse (pid " + server.pid() + ") killed with SIGKILL");
        stack("start", "clickhouse");
    }

    @Override
    public void restartZooKeeper() throws InterruptedException {
        stack("stop", "zookeeper");
        stack("start", "zookeeper");
    }

    private ProcessHandle recordedProcess(String service) {
        Path pidFile = cache.resolve(service).resolve(service + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
            if (!commandLine.contains(cache.resolve(service) + "/")) {
                throw new IllegalStateException("pid " + pid + " in " + pidFile + " is not a " + service + " of " + cache
                        + ": " + commandLine);
            }
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " pid " + pid + " is gone"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the running " + service + " of " + cache, e);
        }
    }

    private void stack(String... arguments) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SHARDHOUSE_CACHE", cache.toString());
        try {
            Process process = builder.start();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output.lines().forEach(line -> log.accept("local-stack: " + line.strip()));
            }
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException(script + " " + String.join(" ", arguments) + " exited with " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        }
    }
}
