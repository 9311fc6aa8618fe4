package dev.shardhouse.map.differential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The table of deliberate differences in MAPPING.md, between its two marker comments. */
final class DeliberateRules {

    static final String START = "<!-- deliberate-rules:start -->";
    static final String END = "<!-- deliberate-rules:end -->";

    private final List<DeliberateRule> rules;

    private DeliberateRules(List<DeliberateRule> rules) {
        this.rules = rules;
    }

    static DeliberateRules read(Path mappingMd) throws IOException {
        String text = Files.readString(mappingMd);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(mappingMd + " has no table between " + START + " and " + END);
        }
        return new DeliberateRules(text.substring(start + START.length(), end).lines()
                .map(String::strip)
                .filter(line -> line.startsWith("|") && !line.startsWith("| rule") && !line.startsWith("|--")
                        && !line.startsWith("| ---"))
                .map(DeliberateRule::parse)
                .toList());
    }

    List<DeliberateRule> all() {
        return rules;
    }

    /** The first rule covering the divergence. */
    Optional<DeliberateRule> covering(Divergence divergence) {
        return rules.stream().filter(rule -> rule.covers(divergence)).findFirst();
    }
}
