package dev.shardhouse.map.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.testing.LocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: every generated (type, value) case, as a JSON, CSV and TSV record, inserted through Shardhouse's mapper and
 * through ClickHouse's own format into identical tables of the local server; what each stored (or that it refused) is
 * compared. A divergence must be a deliberate rule of MAPPING.md, and every rule there must still cover a divergence.
 * All divergences, with the rule that covers each, are written to {@code target/mapping-differential.tsv}.
 */
class MappingDifferentialIT {

    private static final String DATABASE = "mapping_diff";
    private static final Path MAPPING_MD = Path.of("..", "MAPPING.md");
    private static final Path REPORT = Path.of("target", "mapping-differential.tsv");
    private static final List<RecordFormat> FORMATS = List.of(RecordFormat.JSON, RecordFormat.CSV, RecordFormat.TSV);

    private static Client client;

    @BeforeAll
    static void connect() throws Exception {
        client = LocalServices.clickHouse("default");
        client.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE).get(30, TimeUnit.SECONDS).close();
    }

    @AfterAll
    static void close() throws Exception {
        if (client != null) {
            client.execute("DROP DATABASE IF EXISTS " + DATABASE).get(60, TimeUnit.SECONDS).close();
            client.close();
        }
    }

    @Test
    void shardhouseStoresWhatClickHouseStoresExceptByListedRules() throws Exception {
        DeliberateRules rules = DeliberateRules.read(MAPPING_MD);
        List<DiffCase> cases = Corpus.cases();
        Map<String, List<DiffCase>> byType = cases.stream()
                .collect(Collectors.groupingBy(DiffCase::type, LinkedHashMap::new, Collectors.toList()));

        List<Divergence> divergences = new ArrayList<>();
        int compared = 0;
        int typeNumber = 0;
        for (Map.Entry<String, List<DiffCase>> type : byType.entrySet()) {
            List<Divergence> found = compare(typeNumber++, type.getKey(), type.getValue());
            divergences.addAll(found);
            compared += type.getValue().size() * FORMATS.size();
        }

        List<String> report = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        Set<String> usedRules = new HashSet<>();
        for (Divergence divergence : divergences) {
            String rule = rules.covering(divergence).map(DeliberateRule::id).orElse("UNLISTED");
            usedRules.add(rule);
            report.add(rule + "\t" + divergence.line());
            if (rule.equals("UNLISTED")) {
                unlisted.add(divergence.line());
            }
        }
        Files.createDirectories(REPORT.getParent());
        Files.write(REPORT, report);
        List<String> staleRules = rules.all().stream().map(DeliberateRule::id)
                .filter(id -> !usedRules.contains(id)).toList();

        assertTrue(cases.size() >= 2000, "the corpus holds at least 2,000 (type, value) cases: " + cases.size());
        assertTrue(compared > 3 * 2000 - byType.size(), "every case is compared in JSON, CSV and TSV: " + compared);
        assertEquals(List.of(), unlisted.stream().limit(60).toList(), unlisted.size() + " of " + divergences.size()
                + " divergences (of " + compared + " records) are not deliberate rules of MAPPING.md; all in " + REPORT);
        assertEquals(List.of(), staleRules, "rules of MAPPING.md that no divergence needs any more");
    }

    /** One type's cases in every format, through both paths; its divergences. */
    private static List<Divergence> compare(int typeNumber, String type, List<DiffCase> cases) throws Exception {
        DiffTable oracleTable = new DiffTable(client, DATABASE, "clickhouse_" + typeNumber);
        DiffTable scratch = new DiffTable(client, DATABASE, "clickhouse_row_" + typeNumber);
        DiffTable shardhouseTable = new DiffTable(client, DATABASE, "shardhouse_" + typeNumber);
        for (DiffTable table : List.of(oracleTable, scratch, shardhouseTable)) {
            table.create(type);
        }
        Map<RecordFormat, Map<Integer, String>> records = new EnumMap<>(RecordFormat.class);
        for (RecordFormat format : FORMATS) {
            Map<Integer, String> lines = new LinkedHashMap<>();
            for (int i = 0; i < cases.size(); i++) {
                int id = rowId(i, format);
                CaseLines.record(format, id, cases.get(i)).ifPresent(line -> lines.put(id, line));
            }
            records.put(format, lines);
        }
        Map<Integer, Outcome> actual = new ShardhouseSide(new ClickHouseSql(client), shardhouseTable).insert(records);
        Set<Integer> storedByShardhouse = actual.entrySet().stream()
                .filter(outcome -> outcome.getValue() instanceof Outcome.Stored).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        ClickHouseSide oracle = new ClickHouseSide(oracleTable, scratch);
        Map<Integer, Outcome> expected = new LinkedHashMap<>();
        for (RecordFormat format : FORMATS) {
            expected.putAll(oracle.insert(format, records.get(format), storedByShardhouse));
        }

        List<Divergence> divergences = new ArrayList<>();
        for (RecordFormat format : FORMATS) {
            for (int i = 0; i < cases.size(); i++) {
                int id = rowId(i, format);
                Outcome want = expected.get(id);
                Outcome got = actual.get(id);
                if (want != null && !sameOutcome(want, got)) {
                    divergences.add(new Divergence(cases.get(i), format, got, want));
                }
            }
        }
        return divergences;
    }

    /** Both stored the same text, or both refused (for whatever reason each gives). */
    private static boolean sameOutcome(Outcome clickHouse, Outcome shardhouse) {
        return clickHouse instanceof Outcome.Refused ? shardhouse instanceof Outcome.Refused
                : clickHouse.equals(shardhouse);
    }

    private static int rowId(int caseIndex, RecordFormat format) {
        return caseIndex * FORMATS.size() + FORMATS.indexOf(format);
    }
}
