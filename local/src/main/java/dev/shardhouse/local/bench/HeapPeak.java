package dev.shardhouse.local.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use at any moment while some work runs. Heap use only grows between collections, so its peak
 * is the use just before one of them (each collection reports it) or at the end of the work.
 */
final class HeapPeak implements NotificationListener {

    private final AtomicLong peakBeforeCollection = new AtomicLong();
    private final AtomicLong collectionsSeen = new AtomicLong();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final long collectionsAtStart;

    private HeapPeak() {
        collectionsAtStart = collectionCount();
    }

    /** Collects garbage first, so the peak is measured from the live data alone. */
    static HeapPeak start() {
        System.gc();
        HeapPeak peak = new HeapPeak();
        peak.collectors.forEach(collector -> ((NotificationEmitter) collector).addNotificationListener(peak, null, null));
        return peak;
    }

    /** Heap in use now, summed over the heap pools. */
    static long heapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getUsage)
                .mapToLong(MemoryUsage::getUsed)
                .sum();
    }

    /** The peak since {@link #start()}; waits for the reports of collections that ran meanwhile. */
    long stop() throws InterruptedException {
        long atEnd = heapUsed();
        long expected = collectionCount() - collectionsAtStart;
        for (int wait = 0; collectionsSeen.get() < expected && wait < 200; wait++) {
            Thread.sleep(10);
        }
        for (GarbageCollectorMXBean collector : collectors) {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(this);
            } catch (javax.management.ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        if (collectionsSeen.get() < expected) {
            throw new IllegalStateException("only " + collectionsSeen.get() + " of " + expected + " collections reported");
        }
        return Math.max(atEnd, peakBeforeCollection.get());
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long before = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (isHeap(pool.getKey())) {
                before += pool.getValue().getUsed();
            }
        }
        peakBeforeCollection.accumulateAndGet(before, Math::max);
        collectionsSeen.incrementAndGet();
    }

    private long collectionCount() {
        return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static boolean isHeap(String poolName) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(pool -> pool.getName().equals(poolName) && pool.getType() == MemoryType.HEAP);
    }
}
