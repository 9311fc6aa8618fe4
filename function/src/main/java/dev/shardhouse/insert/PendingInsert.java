package dev.shardhouse.insert;

/**
 * An insert of a claim's target rows begun while the claim itself is still being written (issue 14: the claim's round
 * trip overlaps the rows' upload). It cannot store anything until {@link #finish()}: only a won claim lets it end.
 */
public interface PendingInsert {

    /**
     * The claim is won: completes the insert.
     *
     * @throws RuntimeException when the outcome is uncertain, as {@link ClaimWriter#insertTarget} does
     */
    TargetInsert finish();

    /**
     * The claim is lost, or its outcome unknown: ends the insert without storing a row, and waits until it has ended.
     */
    void abandon();
}
