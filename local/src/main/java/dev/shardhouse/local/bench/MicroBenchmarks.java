package dev.shardhouse.local.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs the JMH benchmarks (decoding and mapping, no I/O) in a forked JVM configured like Lambda's. */
final class MicroBenchmarks {

    private MicroBenchmarks() {
    }

    static List<Result> run(boolean quick) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(DecodeBenchmark.class.getName())
                .include(MapBenchmark.class.getName())
                .forks(1)
                .jvmArgsPrepend(LambdaJvm.FLAGS.toArray(String[]::new))
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        List<Result> rows = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            rows.add(new Result(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
                    Integer.parseInt(result.getParams().getParam("recordBytes")),
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
        }
        return rows;
    }

    /** @param recordsPerSecond user records per second, with its 99.9% confidence half-width */
    record Result(String benchmark, int recordBytes, double recordsPerSecond, double error) {
    }
}
