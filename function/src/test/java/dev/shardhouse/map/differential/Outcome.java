package dev.shardhouse.map.differential;

/** What became of one record: the value stored, as ClickHouse prints it in TabSeparated, or a refusal and why. */
sealed interface Outcome {

    record Stored(String text) implements Outcome {
        @Override
        public String toString() {
            return "stored " + text;
        }
    }

    record Refused(String reason) implements Outcome {
        @Override
        public String toString() {
            return "refused (" + reason + ")";
        }
    }
}
