package dev.switchboard.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Records every leak Netty's {@link ResourceLeakDetector} reports, so that a test can fail on it
 * instead of the leak only being logged. {@link #install()} must run before Netty's buffer classes
 * are loaded; {@link LeakDetectionSessionListener} does that at the start of every test run.
 */
public final class LeakRecorder {
    private static final List<String> LEAKS = new ArrayList<>();
    private static volatile boolean installed;

    private LeakRecorder() {
    }

    /** Sets detection to PARANOID and routes Netty's leak reports here. Idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        installed = true;
    }

    public static boolean isInstalled() {
        return installed;
    }

    /**
     * Collects garbage and allocates a few buffers so that the detector reports leaked buffers
     * that are no longer reachable, then returns and clears what was reported.
     */
    public static List<String> collectLeaks() {
        for (int round = 0; round < 4 && isEmpty(); round++) {
            System.gc();
            // not test synchronisation: gives the JVM's reference handler a moment to enqueue
            // the cleared references of collected buffers before the detector polls its queue
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            touch();
        }
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }

    private static boolean isEmpty() {
        synchronized (LEAKS) {
            return LEAKS.isEmpty();
        }
    }

    private static void touch() {
        ByteBuf[] bufs = {
            PooledByteBufAllocator.DEFAULT.buffer(8),
            PooledByteBufAllocator.DEFAULT.directBuffer(8),
            UnpooledByteBufAllocator.DEFAULT.buffer(8),
            UnpooledByteBufAllocator.DEFAULT.directBuffer(8),
        };
        for (ByteBuf buf : bufs) {
            buf.release();
        }
    }

    static void record(String leak) {
        synchronized (LEAKS) {
            LEAKS.add(leak);
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<?> resourceType, int samplingInterval) {
            super(resourceType, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK: " + resourceType + " released by nobody; recent access records:" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record("LEAK: " + resourceType + " released by nobody");
            super.reportUntracedLeak(resourceType);
        }
    }
}
