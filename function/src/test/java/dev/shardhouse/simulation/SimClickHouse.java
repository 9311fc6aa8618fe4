package dev.shardhouse.simulation;

import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.insert.ClaimWriter;
import dev.shardhouse.insert.ErrorRow;
import dev.shardhouse.insert.RefusedRowFinder;
import dev.shardhouse.insert.TargetInsert;
import dev.shardhouse.insert.TargetRow;
import dev.shardhouse.map.MapResult;
import dev.shardhouse.map.MappedRow;
import dev.shardhouse.map.Mapping;
import dev.shardhouse.map.RowLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The target table, its error table and a materialized view on the target, as ClickHouse 26.7 treats an insert: an
 * insert whose rows were mapped for another definition fails before it reads a row (BatchWriter's guard; the
 * sub-millisecond gap inside the server it leaves is not simulated). The rows form blocks of as many rows as the
 * insert's settings say, else the settings profile ({@link #blockRows}), each block committed in turn under its own
 * token ({@code token_0}, {@code token_1}, …): the CHECK constraint is checked first and refuses the block before
 * anything of it is written (even a block whose token was seen), ending the insert with the blocks before it stored;
 * then a token within the table's window drops the block as a repeat; else the block is written and pushed to the view,
 * which may then fail — after the write, which stays. Every insert may fail before it is written or lose its response
 * after.
 */
final class SimClickHouse implements ClaimWriter, RefusedRowFinder {

    private final World world;
    private final TokenWindow targetWindow;
    private final TokenWindow errorWindow;
    private final Map<TableVersion, Mapping> mappings = new LinkedHashMap<>();
    private final Map<Position, Integer> targetRows = new TreeMap<>();
    private final Map<Position, Integer> errorRows = new TreeMap<>();
    private final int blockRows;
    private TableVersion definition = TableVersion.INITIAL;
    private boolean view = true;

    SimClickHouse(World world) {
        this.world = world;
        this.blockRows = blockRows(world.config.insertSettings(), world.config.profileBlockRows());
        this.targetWindow = new TokenWindow(world.config.windowBlocks(), world.config.windowSeconds());
        this.errorWindow = new TokenWindow(world.config.windowBlocks(), world.config.windowSeconds());
    }

    /** The definition as {@code TargetTable.current} would read it now. */
    Mapping current() {
        return mapping(definition);
    }

    @Override
    public TargetInsert insertTarget(RowLayout layout, List<TargetRow> rows, String token) {
        String call = "ch.insertTarget " + world.trace.token(token) + " " + rows.stream()
                .map(row -> row.position().sequence().toString()).toList();
        Fault fault = world.gate(call, Fault.FAIL, Fault.LOST_RESPONSE);
        world.failBefore(call, fault);
        TargetInsert result = insert(layout, rows, token);
        world.trace.note(call + " -> " + result.getClass().getSimpleName());
        world.loseResponse(call, fault);
        return result;
    }

    private TargetInsert insert(RowLayout layout, List<TargetRow> rows, String token) {
        // BatchWriter's guard: the definition the rows were mapped for, checked before a row is read
        if (layout.definition().filter(hash -> !hash.equals(definition.fingerprint())).isPresent()) {
            return new TargetInsert.Stale(new IllegalStateException("Code: 395. Shardhouse: the definition of"
                    + " simulated.events changed after its rows were mapped"));
        }
        List<String> columns = layout.columns();
        if (!current().layout().columns().containsAll(columns)) {
            return new TargetInsert.Stale(new IllegalStateException("Code: 16. No such column in table"));
        }
        Mapping typed = mappings.values().stream().filter(m -> m.layout().columns().equals(columns)).findFirst()
                .orElseThrow();
        List<List<TargetRow>> blocks = blocks(rows);
        for (int i = 0; i < blocks.size(); i++) {
            List<TargetRow> block = blocks.get(i);
            if (definition.checkConstraint() && block.stream().anyMatch(row -> kind(row.position()) == SimRecord.Kind.REFUSED_BY_CHECK)) {
                return new TargetInsert.Refused(new IllegalStateException("Code: 469. Constraint `small` for table"
                        + " simulated.events (v < 100) is violated"));
            }
            String blockToken = token + "_" + i;
            if (targetWindow.holds(blockToken)) {
                continue;
            }
            for (TargetRow row : block) {
                checkMapped(row, typed);
                store(targetRows, row.position(), "target");
            }
            targetWindow.add(blockToken, world.second());
            if (view && block.stream().anyMatch(row -> kind(row.position()) == SimRecord.Kind.VIEW_POISON)) {
                return new TargetInsert.ViewFailed(rows.size(), new IllegalStateException("Code: 395. Value passed to"
                        + " 'throwIf' function is non-zero: while pushing to view simulated.events_view"));
            }
        }
        return new TargetInsert.Written(rows.size());
    }

    /**
     * Rows per block as ClickHouse forms an insert's: a block ends at {@code min_insert_block_size_rows} or
     * {@code max_insert_block_size} rows, whichever comes first, each as the insert sets it, else as the profile does.
     */
    static int blockRows(Map<String, String> sent, int profile) {
        long min = Long.parseLong(sent.getOrDefault("min_insert_block_size_rows", Integer.toString(profile)));
        long max = Long.parseLong(sent.getOrDefault("max_insert_block_size", Integer.toString(profile)));
        return (int) Math.min(Integer.MAX_VALUE, Math.min(min, max));
    }

    private <T> List<List<T>> blocks(List<T> rows) {
        List<List<T>> blocks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += blockRows) {
            blocks.add(rows.subList(from, Math.min(rows.size(), from + blockRows)));
        }
        return blocks;
    }

    @Override
    public void insertErrors(String stream, String shardId, List<ErrorRow> errors, String token) {
        if (errors.isEmpty()) {
            return; // BatchWriter sends nothing for no error rows: no call, no step
        }
        String call = "ch.insertErrors " + world.trace.token(token) + " " + errors.stream()
                .map(row -> row.position().sequence().toString()).toList();
        Fault fault = world.gate(call, Fault.FAIL, Fault.LOST_RESPONSE);
        world.failBefore(call, fault);
        List<List<ErrorRow>> blocks = blocks(errors);
        int repeats = 0;
        for (int i = 0; i < blocks.size(); i++) {
            String blockToken = token + "_" + i;
            if (errorWindow.holds(blockToken)) {
                repeats++;
                continue;
            }
            for (ErrorRow row : blocks.get(i)) {
                SimRecord record = world.stream.record(row.position());
                if (!Arrays.equals(row.raw(), record.in().data())) {
                    world.violation("error row of " + record + " does not hold the record's raw bytes");
                }
                store(errorRows, row.position(), "error");
            }
            errorWindow.add(blockToken, world.second());
        }
        world.trace.note(call + " -> " + (repeats == blocks.size() ? "dropped as a repeat"
                : repeats == 0 ? "written" : "written but for " + repeats + " repeated blocks"));
        world.loseResponse(call, fault);
    }

    /** The dry run against a copy of the table as defined now: refuses the rows the constraint refuses. */
    @Override
    public Map<Integer, String> find(RowLayout layout, List<TargetRow> rows) {
        String call = "ch.findRefused " + rows.size() + " rows";
        world.failBefore(call, world.gate(call, Fault.FAIL));
        Map<Integer, String> refused = new TreeMap<>();
        for (TargetRow row : rows) {
            if (definition.checkConstraint() && kind(row.position()) == SimRecord.Kind.REFUSED_BY_CHECK) {
                refused.put(row.ordinal(), "ClickHouse refused the row: constraint small (v < 100) is violated");
            }
        }
        world.trace.note(call + " -> refused ordinals " + refused.keySet());
        return refused;
    }

    void toggleConstraint() {
        definition = definition.toggledConstraint();
    }

    void addColumn() {
        definition = definition.withColumn();
    }

    boolean columnAdded() {
        return definition.extraColumn();
    }

    void toggleView() {
        view = !view;
    }

    /** The operator's remedy a replay's error asks for: the definition the pending claim was made under. */
    void restore(TableVersion version) {
        definition = version;
    }

    TableVersion definition() {
        return definition;
    }

    boolean view() {
        return view;
    }

    int targetCopies(Position position) {
        return targetRows.getOrDefault(position, 0);
    }

    int errorCopies(Position position) {
        return errorRows.getOrDefault(position, 0);
    }

    private Mapping mapping(TableVersion version) {
        return mappings.computeIfAbsent(version, TableVersion::mapping);
    }

    private SimRecord.Kind kind(Position position) {
        return world.stream.record(position).kind();
    }

    /** A stored row must be its record mapped for the columns the insert named: anything else is garbage in the table. */
    private void checkMapped(TargetRow row, Mapping typed) {
        SimRecord record = world.stream.record(row.position());
        UserRecord user = (UserRecord) new RecordDecoder().decode(record.in()).get(0);
        MapResult expected = typed.mapper().map(user, world.stream.identity().streamName(), record.shardId());
        if (!(expected instanceof MappedRow mapped) || !Arrays.equals(mapped.rowBinary(), row.rowBinary())) {
            world.violation("stored row of " + record + " is not its record's mapping (" + expected + ")");
        }
    }

    private void store(Map<Position, Integer> table, Position position, String name) {
        int copies = table.merge(position, 1, Integer::sum);
        if (copies > 1 || targetCopies(position) + errorCopies(position) > 1) {
            world.violation("record " + world.stream.record(position) + " stored again (in the " + name + " table): "
                    + targetCopies(position) + " target + " + errorCopies(position) + " error rows");
        }
    }
}
