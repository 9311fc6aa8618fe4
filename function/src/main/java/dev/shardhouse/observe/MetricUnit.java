package dev.shardhouse.observe;

/** CloudWatch units used by Shardhouse's metrics. */
public enum MetricUnit {
    COUNT("Count"),
    MILLISECONDS("Milliseconds"),
    BYTES("Bytes");

    private final String cloudWatchName;

    MetricUnit(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }
}
