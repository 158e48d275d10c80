package dev.jvmaudit.demo.keepalived;

import java.time.Duration;

/**
 * What the scripted event source plays: whether the interface holds the VIP at start, then {@code count} changes
 * that alternately add and remove it, one every {@code interval}.
 */
public record EventScript(boolean vipHeldAtStart, long count, Duration interval) {

    public EventScript {
        if (count < 0 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a script needs count >= 0 and a positive interval");
        }
    }
}
