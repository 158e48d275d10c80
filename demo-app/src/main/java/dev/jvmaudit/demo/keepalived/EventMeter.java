package dev.jvmaudit.demo.keepalived;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the VIP changes a monitor has fully handled (state written, agent notified) and derives the rate. */
public final class EventMeter {

    private final long startNanos;
    private final AtomicLong handled = new AtomicLong();
    private volatile long lastHandledNanos;

    public EventMeter(long startNanos) {
        this.startNanos = startNanos;
        this.lastHandledNanos = startNanos;
    }

    public void handled() {
        lastHandledNanos = System.nanoTime();
        handled.incrementAndGet();
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

    /** Handled changes per second, from the start of the script to the last change handled. */
    public double perSecond() {
        long elapsed = lastHandledNanos - startNanos;
        return elapsed <= 0 ? 0 : handled.get() * 1e9 / elapsed;
    }
}
