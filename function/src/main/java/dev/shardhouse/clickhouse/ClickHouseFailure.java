package dev.shardhouse.clickhouse;

import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import dev.shardhouse.deadline.DeadlineExceededException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed ClickHouse call (client-v2) means for the caller: the server's error code, a readable message, and
 * whether it is a lost KeeperMap compare-and-set or a transient fault worth retrying.
 *
 * <p>What client-v2 0.9.9 hands over (read from its {@code HttpAPIClientHelper.readError}): a {@link ServerException}
 * whose code comes from the {@code X-ClickHouse-Exception-Code} response header, whose transport code is the HTTP
 * status and whose query id comes from {@code X-ClickHouse-Query-Id}. Its message is the part of the response body
 * that starts with {@code "<code>. DB::Exception:"}; the rest of the body is read and thrown away. Keeper errors
 * are {@code "Code: 999. Coordination::Exception: ..."}, so for them the driver keeps nothing and writes
 * {@code "<Unreadable error message>"}: the server's text, and with it the difference between "Node exists" and
 * "Connection loss", is lost. Such a 999 is read here as a conflict, the safe reading for a compare-and-set (the
 * caller re-reads the state instead of resending), and the message says where the server's text can be found.
 */
public final class ClickHouseFailure {

    /** {@link #code()} of a failure that is not an error reported by the ClickHouse server. */
    public static final int NOT_A_SERVER_ERROR = -1;

    static final int KEEPER_EXCEPTION = 999;

    /**
     * Transient server errors: the codes ClickHouse's Kafka Connect sink retries (its exactly-once mode resends the
     * same block with the same deduplication token), with their ClickHouse names for readable messages.
     * 999 is here for keeper faults such as "Connection loss"; a keeper conflict is never retried.
     */
    private static final Map<Integer, String> RETRYABLE_CODES = Map.ofEntries(
            Map.entry(3, "UNEXPECTED_END_OF_FILE"),
            Map.entry(107, "FILE_DOESNT_EXIST"),
            Map.entry(159, "TIMEOUT_EXCEEDED"),
            Map.entry(164, "READONLY"),
            Map.entry(202, "TOO_MANY_SIMULTANEOUS_QUERIES"),
            Map.entry(203, "NO_FREE_CONNECTION"),
            Map.entry(209, "SOCKET_TIMEOUT"),
            Map.entry(210, "NETWORK_ERROR"),
            Map.entry(241, "MEMORY_LIMIT_EXCEEDED"),
            Map.entry(242, "TABLE_IS_READ_ONLY"),
            Map.entry(252, "TOO_MANY_PARTS"),
            Map.entry(285, "TOO_FEW_LIVE_REPLICAS"),
            Map.entry(319, "UNKNOWN_STATUS_OF_INSERT"),
            Map.entry(425, "SYSTEM_ERROR"),
            Map.entry(KEEPER_EXCEPTION, "KEEPER_EXCEPTION"));

    /**
     * Errors about the rows themselves, which repeating the insert cannot fix: a CHECK constraint, a value a
     * materialized view cannot convert. The rows that cause them belong in the error table.
     */
    private static final Map<Integer, String> REJECTED_DATA_CODES = Map.ofEntries(
            Map.entry(6, "CANNOT_PARSE_TEXT"),
            Map.entry(27, "CANNOT_PARSE_INPUT_ASSERTION_FAILED"),
            Map.entry(38, "CANNOT_PARSE_DATE"),
            Map.entry(41, "CANNOT_PARSE_DATETIME"),
            Map.entry(53, "TYPE_MISMATCH"),
            Map.entry(69, "ARGUMENT_OUT_OF_BOUND"),
            Map.entry(70, "CANNOT_CONVERT_TYPE"),
            Map.entry(72, "CANNOT_PARSE_NUMBER"),
            Map.entry(117, "INCORRECT_DATA"),
            Map.entry(131, "TOO_LARGE_STRING_SIZE"),
            Map.entry(321, "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE"),
            Map.entry(395, "FUNCTION_THROW_IF_VALUE_IS_NON_ZERO"),
            Map.entry(469, "VIOLATED_CONSTRAINT"));

    /**
     * Errors an INSERT meets before it writes any part, that are not about one row's content: a column or the table
     * gone, too many partitions in one block (a 252 that is not about merges lagging is the same whatever the retry).
     */
    private static final Map<Integer, String> NOTHING_WRITTEN_CODES = Map.ofEntries(
            Map.entry(16, "NO_SUCH_COLUMN_IN_TABLE"),
            Map.entry(47, "UNKNOWN_IDENTIFIER"),
            Map.entry(60, "UNKNOWN_TABLE"),
            Map.entry(81, "UNKNOWN_DATABASE"),
            Map.entry(252, "TOO_MANY_PARTS"));

    /** A database or table name as ClickHouse prints it: back-quoted (backslash escapes inside) unless plain. */
    private static final String PRINTED_NAME = "(?:`(?:[^`\\\\]|\\\\.)*`|[^\\s`.]+)";

    /**
     * What ClickHouse appends to an error raised while a materialized view processed an inserted block, just before
     * the error's name and the version. Anchored at the end: a refusal quotes the refused values earlier in the text,
     * and a record may hold these very words.
     */
    private static final Pattern VIEW_FAILURE = Pattern.compile(
            ": while pushing to view (" + PRINTED_NAME + "\\." + PRINTED_NAME + ")\\. \\([A-Z_]+\\) \\(version [^)]*\\)"
                    + "(\\s+\\(queryId=[^)]*\\))?\\s*$");

    /** A 252 that no retry heals: the block spans more partitions than max_partitions_per_insert_block allows. */
    private static final String PARTITIONS_PER_BLOCK_TEXT = "Too many partitions for single INSERT block";

    /** HTTP statuses of a proxy or load balancer in front of ClickHouse (no ClickHouse error code attached). */
    private static final Set<Integer> AUTHENTICATION_CODES = Set.of(194, 193, 516);
    private static final Set<Integer> RETRYABLE_HTTP_STATUSES = Set.of(502, 503, 504);

    /** Keeper answers that mean another writer changed the node first (ZNODEEXISTS, ZBADVERSION, ZNONODE). */
    private static final List<String> CONFLICT_TEXTS = List.of("node exists", "bad version", "no node");

    private static final String UNREADABLE_MARKER = "<Unreadable error message>";
    private static final int MAX_CAUSE_DEPTH = 10;

    private final int code;
    private final String message;
    private final boolean keeperConflict;
    private final boolean retryable;

    private ClickHouseFailure(int code, String message, boolean keeperConflict, boolean retryable) {
        this.code = code;
        this.message = message;
        this.keeperConflict = keeperConflict;
        this.retryable = retryable;
    }

    /** Classifies a throwable from client-v2, looking through wrappers such as {@code CompletionException}. */
    public static ClickHouseFailure of(Throwable failure) {
        List<Throwable> chain = causeChain(failure);
        for (Throwable cause : chain) {
            if (cause instanceof ServerException serverException && serverException.getCode() > 0) {
                return ofServerError(serverException);
            }
        }
        boolean transientFault = chain.stream().anyMatch(ClickHouseFailure::isTransientFault);
        return new ClickHouseFailure(NOT_A_SERVER_ERROR, describe(chain), false, transientFault);
    }

    /** The ClickHouse error code, or {@link #NOT_A_SERVER_ERROR}. */
    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** A KeeperMap write lost a race (strict mode): the caller must re-read the state, never resend blindly. */
    /**
     * The server refused the credentials (AUTHENTICATION_FAILED, REQUIRED_PASSWORD, WRONG_PASSWORD): before running
     * anything, so the statement had no effect. After a rotation the password is stale.
     */
    public boolean isAuthenticationFailure() {
        return AUTHENTICATION_CODES.contains(code);
    }

    public boolean isKeeperConflict() {
        return keeperConflict;
    }

    /** A transient fault: sending the same request again (with the same deduplication token) is safe and useful. */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * The server refused the rows' content: finding the refused rows sends them to the error table. For an insert,
     * check {@link #failedView()} first: a view can refuse content too, after the target table took the block.
     */
    public boolean isRejectedData() {
        return REJECTED_DATA_CODES.containsKey(code);
    }

    /**
     * The materialized view ({@code database.name}, each part back-quoted where ClickHouse quotes it) that failed on an
     * inserted block, by the server's own text; the caller checks that such a view exists, since a record's content
     * could imitate the text.
     */
    public Optional<String> failedView() {
        Matcher matcher = VIEW_FAILURE.matcher(message);
        return code != NOT_A_SERVER_ERROR && matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** An insert failed before it wrote anything, for a reason other than a row's content. */
    public boolean isNothingWritten() {
        return NOTHING_WRITTEN_CODES.containsKey(code);
    }

    /** The insert names a column the table does not have (any more): it stopped while analysing its column list. */
    public boolean isUnknownColumn() {
        return code == 16;
    }

    /** The block spans more partitions than one insert may: the same rows meet it again, whatever the load. */
    public boolean isTooManyPartitionsPerBlock() {
        return code == 252 && message.contains(PARTITIONS_PER_BLOCK_TEXT);
    }

    @Override
    public String toString() {
        return "ClickHouseFailure[code=" + code + ", keeperConflict=" + keeperConflict + ", retryable=" + retryable
                + ", message=" + message + "]";
    }

    private static ClickHouseFailure ofServerError(ServerException failure) {
        int code = failure.getCode();
        String text = failure.getMessage() == null ? "" : failure.getMessage();
        boolean unreadable = text.contains(UNREADABLE_MARKER);
        boolean conflict = code == KEEPER_EXCEPTION && (unreadable || mentionsConflict(text));
        String message = unreadable ? unreadableMessage(failure) : text;
        boolean deterministic = text.contains(PARTITIONS_PER_BLOCK_TEXT) || VIEW_FAILURE.matcher(text).find();
        return new ClickHouseFailure(code, message, conflict,
                !conflict && !deterministic && RETRYABLE_CODES.containsKey(code));
    }

    private static boolean mentionsConflict(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return CONFLICT_TEXTS.stream().anyMatch(lower::contains);
    }

    private static String unreadableMessage(ServerException failure) {
        String name = RETRYABLE_CODES.containsKey(failure.getCode()) ? " " + RETRYABLE_CODES.get(failure.getCode()) : "";
        return "ClickHouse error " + failure.getCode() + name + " (HTTP " + failure.getTransportProtocolCode()
                + ", query id " + failure.getQueryId() + "); client-v2 passes on only 'DB::Exception' texts: the server's"
                + " own message is in system.query_log, column exception, for that query id";
    }

    private static boolean isTransientFault(Throwable cause) {
        return cause instanceof IOException
                || cause instanceof DeadlineExceededException
                || cause instanceof ConnectionInitiationException
                || cause instanceof DataTransferException
                || cause instanceof ServerException serverException
                        && RETRYABLE_HTTP_STATUSES.contains(serverException.getTransportProtocolCode());
    }

    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && chain.size() < MAX_CAUSE_DEPTH && !chain.contains(cause);
                cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static String describe(List<Throwable> chain) {
        List<String> parts = new ArrayList<>();
        for (Throwable cause : chain) {
            parts.add(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        return String.join("; caused by ", parts);
    }
}
