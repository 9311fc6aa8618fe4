package dev.shardhouse.local.proxy;

import java.util.function.Predicate;

/**
 * Triggers for the ingest function's requests, matched in a request's {@link HttpRequestPreview#text()}: client-v2
 * sends an insert's statement and every query parameter in the URL, so the table and the checkpoint's new state
 * ({@code param_state}) are there whatever the body holds.
 */
public final class Statements {

    private Statements() {
    }

    /** The insert of a batch's rows into {@code qualifiedTable} (quoted as the function quotes it). */
    public static Predicate<String> insertInto(String qualifiedTable) {
        return text -> text.contains("INSERT INTO " + qualifiedTable + " ");
    }

    /** A claim: the compare-and-set of a checkpoint row of {@code qualifiedCheckpointTable} to BEFORE_PROCESSING. */
    public static Predicate<String> claimIn(String qualifiedCheckpointTable) {
        return checkpointWrite(qualifiedCheckpointTable, "BEFORE_PROCESSING");
    }

    /**
     * A commit: the creation of a claim's commit record, whose state is {@code CheckpointTables.COMMIT_STATE} (the proxy
     * is built without the function's classes: {@code HttpRequestPreviewTest} holds the two equal).
     */
    public static Predicate<String> commitIn(String qualifiedCheckpointTable) {
        return checkpointWrite(qualifiedCheckpointTable, "CLAIM_COMMITTED");
    }

    private static Predicate<String> checkpointWrite(String qualifiedCheckpointTable, String state) {
        return text -> text.contains(qualifiedCheckpointTable) && text.contains("param_state=" + state);
    }
}
