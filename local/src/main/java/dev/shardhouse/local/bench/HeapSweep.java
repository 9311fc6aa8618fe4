package dev.shardhouse.local.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the smallest maximum heap ({@code -Xmx}) with which the handler completes one batch, by bisection over
 * {@link HeapProbe} child JVMs. This is the heap a Lambda needs; the peak use in a roomy heap would mostly be
 * garbage not yet collected.
 */
final class HeapSweep {

    private static final Pattern RESULT = Pattern.compile("heap_probe peak_bytes=(\\d+) payload_bytes=(\\d+)");
    private static final long PROBE_TIMEOUT_SECONDS = 180;
    static final double MIB = 1024.0 * 1024.0;

    private final String database;
    private final String table;
    private final String checkpointTable;
    private final String streamArn;
    private long nextId = 1;
    private int probes;

    HeapSweep(String database, String table, String checkpointTable, String streamArn) {
        this.database = database;
        this.table = table;
        this.checkpointTable = checkpointTable;
        this.streamArn = streamArn;
    }

    /**
     * @param passMb a heap expected to suffice (checked first: if it fails, so does the sweep)
     * @param failMb a heap expected to fail (not checked: a result equal to it + step means "at most that")
     * @param stepMb the resolution of the answer
     */
    Result smallestHeap(Scenario scenario, int failMb, int passMb, int stepMb) throws IOException, InterruptedException {
        Optional<Probe> best = probe(scenario, passMb);
        if (best.isEmpty()) {
            throw new IllegalStateException("the handler did not complete a " + scenario.label() + " batch even with -Xmx"
                    + passMb + "m");
        }
        int failing = failMb;
        int passing = passMb;
        while (passing - failing > stepMb) {
            int middle = failing + (passing - failing) / 2;
            Optional<Probe> probe = probe(scenario, middle);
            if (probe.isPresent()) {
                passing = middle;
                best = probe;
            } else {
                failing = middle;
            }
        }
        return new Result(passing, best.get().peakBytes(), best.get().payloadBytes());
    }

    /**
     * The probe's figures, or empty if the heap was too small: the child ran out of memory or, thrashing in the
     * collector, out of time. Any other failure is an error. Each probe gets a checkpoint table of its own, as a
     * new deployment would: one that died between its claim and its commit leaves a claim pending, which the next
     * probe would otherwise have to recover from Kinesis (where the benchmark's synthetic records are not).
     */
    private Optional<Probe> probe(Scenario scenario, int xmxMb) throws IOException, InterruptedException {
        probes++;
        List<String> command = LambdaJvm.command(List.of("-Xmx" + xmxMb + "m", "-XX:+ExitOnOutOfMemoryError"),
                HeapProbe.class.getName(), List.of(database, table, checkpointTable + "_" + probes, streamArn,
                        String.valueOf(nextId), String.valueOf(scenario.batchSize()), String.valueOf(scenario.recordBytes())));
        nextId += HeapProbe.recordsUsed(scenario.batchSize());
        File output = File.createTempFile("heap-probe", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
            if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                System.err.printf("heap: -Xmx%dm too small (timed out collecting garbage)%n", xmxMb);
                return Optional.empty();
            }
            String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
            if (text.contains("OutOfMemoryError")) {
                System.err.printf("heap: -Xmx%dm too small (out of memory)%n", xmxMb);
                return Optional.empty();
            }
            Matcher result = RESULT.matcher(text);
            if (process.exitValue() != 0 || !result.find()) {
                throw new IllegalStateException("heap probe with -Xmx" + xmxMb + "m failed (exit " + process.exitValue()
                        + "):\n" + text);
            }
            Probe probe = new Probe(Long.parseLong(result.group(1)), Long.parseLong(result.group(2)));
            System.err.printf("heap: -Xmx%dm enough, peak use %.1f MiB%n", xmxMb, probe.peakBytes() / MIB);
            return Optional.of(probe);
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    private record Probe(long peakBytes, long payloadBytes) {
    }

    /**
     * @param smallestXmxMb the smallest -Xmx (to the sweep's step) with which the batch completed
     * @param peakBytes the peak heap use measured in that run
     */
    record Result(int smallestXmxMb, long peakBytes, long payloadBytes) {

        /** The target: a heap of twice the batch's payload plus 64 MiB is enough. */
        double budgetMb() {
            return 2 * payloadBytes / MIB + 64;
        }
    }
}
