package dev.shardhouse.local.chaos;

/** Faults of the services themselves, which only a run with its own stack instance may inject. */
interface ServiceFaults {

    /** Kills ClickHouse's server with SIGKILL, starts it again and returns once it answers. */
    void killClickHouse() throws InterruptedException;

    /** Stops ZooKeeper, starts it again and returns once it answers. */
    void restartZooKeeper() throws InterruptedException;

    /** For runs on a shared stack: a plan with service faults is refused before anything starts. */
    ServiceFaults NONE = new ServiceFaults() {
        @Override
        public void killClickHouse() {
            throw new UnsupportedOperationException("this run may not kill ClickHouse: it runs on a shared stack");
        }

        @Override
        public void restartZooKeeper() {
            throw new UnsupportedOperationException("this run may not restart ZooKeeper: it runs on a shared stack");
        }
    };
}
