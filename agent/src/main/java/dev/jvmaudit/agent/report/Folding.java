package dev.jvmaudit.agent.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Folds repeats: the same rule at the same call site is logged the first time, then at most once per interval
 * with the updated count. Every occurrence is counted.
 */
final class Folding {

    static final long INTERVAL_NANOS = 60_000_000_000L;
    /** Beyond this many distinct (rule, call site) pairs, new pairs share one entry per rule. */
    static final int MAX_ENTRIES = 10_000;

    /** A class, not {@code System::nanoTime}: a method reference spins a class at every start (about 1 ms on JDK 25). */
    static final LongSupplier SYSTEM_CLOCK = new LongSupplier() {
        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    };

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    Folding(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    /** Counts one occurrence; returns how many so far when it should be logged now, or 0 when it is folded. */
    long occurrence(Rule rule, String callSite) {
        String key = rule.id() + ' ' + callSite;
        Entry entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= MAX_ENTRIES) {
                key = rule.id() + " *";
            }
            entry = entries.computeIfAbsent(key, k -> new Entry());
        }
        long count = entry.count.incrementAndGet();
        long now = clock.getAsLong();
        long due = entry.nextLog.get();
        if (count == 1 || (now - due >= 0 && entry.nextLog.compareAndSet(due, now + INTERVAL_NANOS))) {
            if (count == 1) {
                entry.nextLog.set(now + INTERVAL_NANOS);
            }
            return count;
        }
        return 0;
    }

    int size() {
        return entries.size();
    }

    private static final class Entry {
        final AtomicLong count = new AtomicLong();
        final AtomicLong nextLog = new AtomicLong();
    }
}
