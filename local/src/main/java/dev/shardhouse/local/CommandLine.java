package dev.shardhouse.local;

import java.util.List;
import java.util.function.Function;

/** What bin/demo and bin/chaos do with their flags before anything runs: --help, or a bad flag, ends the JVM. */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * The parsed options; for --help, the usage printed and exit status 0; for a bad flag (an
     * {@link IllegalArgumentException} from {@code parse}), its message after {@code errorPrefix} and exit status 2.
     */
    public static <T> T parseOrExit(String[] args, String usage, String errorPrefix, Function<String[], T> parse) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(usage);
            System.exit(0);
        }
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(errorPrefix + e.getMessage());
            System.exit(2);
            throw e; // not reached: exit does not return
        }
    }
}
