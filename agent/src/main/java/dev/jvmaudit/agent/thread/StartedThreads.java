package dev.jvmaudit.agent.thread;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is known of each started thread, held weakly and found by thread id. Not a {@code WeakHashMap}: it asks for the
 * thread's identity hash, and on JDK 17, whose {@code Thread.start} is synchronized, hashing the locked thread
 * inflates its monitor at every start (about a third of what watching a start cost).
 */
final class StartedThreads<V> {

    private final ConcurrentHashMap<Long, Entry<V>> byId = new ConcurrentHashMap<>();
    private final ReferenceQueue<Thread> collected = new ReferenceQueue<>();

    private static final class Entry<V> extends WeakReference<Thread> {
        final Long id;
        final V value;

        Entry(Thread thread, Long id, V value, ReferenceQueue<Thread> queue) {
            super(thread, queue);
            this.id = id;
            this.value = value;
        }
    }

    void putIfAbsent(Thread thread, V value) {
        forgetCollected();
        Long id = thread.getId();
        byId.putIfAbsent(id, new Entry<>(thread, id, value, collected));
    }

    V get(Thread thread) {
        Entry<V> entry = byId.get(thread.getId());
        return entry != null && entry.get() == thread ? entry.value : null;
    }

    /** The threads not collected yet, with what is known of each. */
    List<Map.Entry<Thread, V>> entries() {
        forgetCollected();
        List<Map.Entry<Thread, V>> entries = new ArrayList<>();
        for (Entry<V> entry : byId.values()) {
            Thread thread = entry.get();
            if (thread != null) {
                entries.add(Map.entry(thread, entry.value));
            }
        }
        return entries;
    }

    /** How many threads it holds entries for, the collected ones' entries removed first. */
    int size() {
        forgetCollected();
        return byId.size();
    }

    private void forgetCollected() {
        for (Reference<? extends Thread> gone; (gone = collected.poll()) != null; ) {
            Entry<?> entry = (Entry<?>) gone;
            byId.remove(entry.id, entry);
        }
    }
}
