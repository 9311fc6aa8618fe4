package dev.shardhouse.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** A Kinesis client that counts the calls made through it, by operation. */
public final class CountingKinesis {

    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final KinesisClient client;

    public CountingKinesis(KinesisClient target) {
        this.client = (KinesisClient) Proxy.newProxyInstance(KinesisClient.class.getClassLoader(),
                new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() != Object.class && !method.getName().equals("close")) {
                        calls.computeIfAbsent(method.getName(), name -> new AtomicLong()).incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public KinesisClient client() {
        return client;
    }

    /** The calls counted so far, by operation, and the count started again. */
    public Map<String, Long> drain() {
        Map<String, Long> counted = new TreeMap<>();
        calls.forEach((operation, count) -> counted.put(operation, count.getAndSet(0)));
        counted.values().removeIf(count -> count == 0);
        return counted;
    }
}
