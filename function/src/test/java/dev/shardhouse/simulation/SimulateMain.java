package dev.shardhouse.simulation;

import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/simulate}: seeded random runs ({@code --seeds N [--from S]}), the trace of one seed ({@code --seed S}),
 * or the exhaustive exploration of the small world ({@code --exhaustive [--max-runs N]}). Prints
 * {@code simulate: seeds=… steps=… violations=…} and the trace of every failing seed; exits 1 if any failed.
 */
public final class SimulateMain {

    private SimulateMain() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        SimConfig config = arguments.contains("--no-table-changes") ? SimConfig.random().withoutTableChanges()
                : SimConfig.random();
        Simulation simulation = new Simulation();
        int status;
        if (arguments.contains("--exhaustive")) {
            int faults = (int) longOption(arguments, "--faults", 1);
            SimConfig bounds = arguments.contains("--resharded") ? SimulationBounds.exhaustiveResharded(faults)
                    : SimulationBounds.exhaustive(faults);
            bounds = arguments.contains("--no-table-changes") ? bounds.withoutTableChanges() : bounds;
            status = arguments.contains("--path") ? replay(simulation, bounds, arguments.get(arguments.indexOf("--path") + 1))
                    : exhaustive(simulation, bounds, longOption(arguments, "--max-runs", 1_000_000));
        } else if (arguments.contains("--seed")) {
            RunResult result = simulation.seeded(config, longOption(arguments, "--seed", 1));
            result.trace().forEach(System.out::println);
            System.out.println("simulate: seeds=1 steps=" + result.steps() + " violations=" + result.violations().size());
            status = result.ok() ? 0 : 1;
        } else {
            status = seeds(simulation, config, longOption(arguments, "--from", 1), longOption(arguments, "--seeds", 1_000));
        }
        System.exit(status);
    }

    private static int seeds(Simulation simulation, SimConfig config, long from, long count) {
        long steps = 0;
        int violations = 0;
        for (long seed = from; seed < from + count; seed++) {
            RunResult result = simulation.seeded(config, seed);
            steps += result.steps();
            if (!result.ok()) {
                violations++;
                System.out.println("seed " + seed + " broke: " + result.violations());
                result.trace().forEach(System.out::println);
                System.out.println("replay: bin/simulate --seed " + seed);
            }
        }
        System.out.println("simulate: seeds=" + count + " (from " + from + ") steps=" + steps + " violations=" + violations);
        return violations == 0 ? 0 : 1;
    }

    private static int exhaustive(Simulation simulation, SimConfig bounds, long maxRuns) {
        Explorer.Outcome outcome = Explorer.explore(simulation, bounds, SimRecord.cycled(), maxRuns);
        if (outcome.failure() != null) {
            System.out.println("path " + outcome.failingPath() + " broke: " + outcome.failure().violations());
            System.out.println("replay: bin/simulate --exhaustive <same bounds> --path "
                    + outcome.failingPath().toString().replace(" ", ""));
            outcome.failure().trace().forEach(System.out::println);
        }
        System.out.println("simulate: exhaustive runs=" + outcome.runs() + " steps=" + outcome.steps() + " complete="
                + outcome.complete() + " violations=" + (outcome.failure() == null ? 0 : 1));
        return outcome.failure() == null ? 0 : 1;
    }

    /** Replays one path of the exhaustive exploration, printed as {@code [0, 3, 1]} or {@code 0,3,1}. */
    private static int replay(Simulation simulation, SimConfig bounds, String path) {
        List<Integer> choices = Arrays.stream(path.replaceAll("[\\[\\] ]", "").split(","))
                .filter(choice -> !choice.isEmpty()).map(Integer::valueOf).toList();
        RunResult result = Explorer.replay(simulation, bounds, SimRecord.cycled(), choices);
        result.trace().forEach(System.out::println);
        System.out.println("simulate: path=" + choices + " steps=" + result.steps() + " violations="
                + result.violations().size());
        return result.ok() ? 0 : 1;
    }

    private static long longOption(List<String> arguments, String name, long otherwise) {
        int at = arguments.indexOf(name);
        return at < 0 ? otherwise : Long.parseLong(arguments.get(at + 1));
    }
}
