package dev.jvmaudit.demo.keepalived;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the VIP changes a monitor has fully handled (state written, agent notified) and derives the rate, leaving
 * out the changes handled during the warm-up (class loading, JIT compilation, first-use set-up).
 */
public final class EventMeter {

    private final long startNanos;
    private final long warmUpNanos;
    private final AtomicLong handled = new AtomicLong();
    private volatile long lastHandledNanos;
    private volatile boolean measuring;
    private volatile long measuredFromNanos;
    private volatile long measuredFromCount;

    public EventMeter(long startNanos, Duration warmUp) {
        this.startNanos = startNanos;
        this.warmUpNanos = warmUp.toNanos();
        this.lastHandledNanos = startNanos;
        if (warmUpNanos == 0) {
            measuredFromNanos = startNanos;
            measuring = true;
        }
    }

    public void handled() {
        long now = System.nanoTime();
        long count = handled.incrementAndGet();
        if (!measuring && now - startNanos >= warmUpNanos) {
            startMeasuring(now, count);
        }
        lastHandledNanos = now;
    }

    private synchronized void startMeasuring(long now, long count) {
        if (!measuring) {
            measuredFromNanos = now;
            measuredFromCount = count;
            measuring = true;
        }
    }

    /**
     * Waits until {@code expected} changes are handled, or until no change has been handled for {@code stall}
     * (a dead or hung reader never catches up). Returns the count reached.
     */
    public long awaitHandled(long expected, Duration stall) throws InterruptedException {
        long seen = handled.get();
        long lastProgress = System.nanoTime();
        while (seen < expected && System.nanoTime() - lastProgress < stall.toNanos()) {
            Thread.sleep(10);
            long now = handled.get();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
        }
        return seen;
    }

    /**
     * Handled changes per second, from the start of the script (or the first change handled after the warm-up) to
     * the last change handled; 0 when nothing was handled after the warm-up.
     */
    public double perSecond() {
        if (!measuring) {
            return 0;
        }
        long elapsed = lastHandledNanos - measuredFromNanos;
        return elapsed <= 0 ? 0 : (handled.get() - measuredFromCount) * 1e9 / elapsed;
    }

    /** Handled changes per second over the whole run, warm-up included. */
    public double overallPerSecond() {
        long elapsed = lastHandledNanos - startNanos;
        return elapsed <= 0 ? 0 : handled.get() * 1e9 / elapsed;
    }
}
