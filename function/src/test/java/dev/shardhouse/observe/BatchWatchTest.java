package dev.shardhouse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchWatchTest {

    @Test
    void aBatchStillRunningIsReportedWithWhereItWaitsUntilItEnds() throws Exception {
        List<BatchWatch.Waiting> reports = new CopyOnWriteArrayList<>();
        CountDownLatch twoReports = new CountDownLatch(2);

        try (BatchWatch watch = BatchWatch.start(Duration.ofMillis(50), waiting -> {
            reports.add(waiting);
            twoReports.countDown();
        })) {
            waitInACheckpointStage(twoReports);
        }
        int reported = reports.size();
        Thread.sleep(200);

        assertEquals(reported, reports.size(), "reports went on after the batch ended");
        BatchWatch.Waiting first = reports.get(0);
        assertTrue(first.in().matches("BatchWatchTest\\.waitInACheckpointStage:\\d+ < BatchWatchTest\\.aBatchStillRunning.*"),
                first.toString());
        assertTrue(first.at().startsWith("Unsafe.park"), first.toString());
    }

    private static void waitInACheckpointStage(CountDownLatch released) throws InterruptedException {
        assertTrue(released.await(10, TimeUnit.SECONDS), "no report came");
    }
}
