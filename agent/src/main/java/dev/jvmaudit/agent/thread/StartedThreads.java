package dev.jvmaudit.agent.thread;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What is known of each started thread, found by thread id: removed as a platform thread ends, held weakly for the
 * threads whose end is not seen (virtual threads). An open-addressing table of primitive ids, because the removal runs
 * on the ending thread: a boxed {@code Long} there would be that thread's first allocation, and a thread's first
 * allocation takes it a whole TLAB (a young collection every few dozen short-lived threads). Not a
 * {@code WeakHashMap}: it asks for the thread's identity hash, and on JDK 17, whose {@code Thread.start} is
 * synchronized, hashing the locked thread inflates its monitor at every start.
 */
final class StartedThreads<V> {

    private static final int MIN_CAPACITY = 64;

    private final ReferenceQueue<Thread> collected = new ReferenceQueue<>();
    /** Linear probing; a slot's entry is null or one thread's. Guarded by {@code this}. */
    private Entry<V>[] table = newTable(MIN_CAPACITY);
    private int size;

    private static final class Entry<V> extends WeakReference<Thread> {
        final long id;
        final V value;

        Entry(Thread thread, V value, ReferenceQueue<Thread> queue) {
            super(thread, queue);
            this.id = thread.getId();
            this.value = value;
        }
    }

    void putIfAbsent(Thread thread, V value) {
        forgetCollected();
        long id = thread.getId();
        synchronized (this) {
            if (find(id) >= 0) {
                return;
            }
            if ((size + 1) * 2 > table.length) {
                rehash(table.length * 2);
            }
            table[freeSlot(table, id)] = new Entry<>(thread, value, collected);
            size++;
        }
    }

    V get(Thread thread) {
        long id = thread.getId();
        synchronized (this) {
            int i = find(id);
            return i >= 0 && table[i].get() == thread ? table[i].value : null;
        }
    }

    /** Forgets a thread now, allocating nothing; its entry, cleared, is never enqueued. */
    void remove(Thread thread) {
        long id = thread.getId();
        synchronized (this) {
            int i = find(id);
            if (i >= 0 && table[i].get() == thread) {
                table[i].clear();
                delete(i);
            }
        }
    }

    /** The threads not collected yet, with what is known of each. */
    List<Map.Entry<Thread, V>> entries() {
        forgetCollected();
        List<Map.Entry<Thread, V>> entries = new ArrayList<>();
        synchronized (this) {
            for (Entry<V> entry : table) {
                Thread thread = entry == null ? null : entry.get();
                if (thread != null) {
                    entries.add(Map.entry(thread, entry.value));
                }
            }
        }
        return entries;
    }

    /** How many threads it holds entries for, the collected ones' entries removed first. */
    int size() {
        forgetCollected();
        synchronized (this) {
            return size;
        }
    }

    private void forgetCollected() {
        for (Reference<? extends Thread> gone; (gone = collected.poll()) != null; ) {
            Entry<?> entry = (Entry<?>) gone;
            synchronized (this) {
                int i = find(entry.id);
                if (i >= 0 && table[i] == entry) {
                    delete(i);
                }
            }
        }
    }

    /** The slot of the entry for {@code id}, or -1. */
    private int find(long id) {
        int mask = table.length - 1;
        for (int i = home(id, table.length); table[i] != null; i = (i + 1) & mask) {
            if (table[i].id == id) {
                return i;
            }
        }
        return -1;
    }

    /** Empties slot {@code i} and moves later entries of the same run back, so that every entry stays findable. */
    private void delete(int i) {
        int mask = table.length - 1;
        table[i] = null;
        size--;
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int home = home(table[j].id, table.length);
            // the entry at j may move to i only if its home is not cyclically within (i, j]
            boolean homeBetween = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!homeBetween) {
                table[i] = table[j];
                table[j] = null;
                i = j;
            }
        }
        if (table.length > MIN_CAPACITY && size * 8 < table.length) {
            rehash(table.length / 2);
        }
    }

    private void rehash(int capacity) {
        Entry<V>[] old = table;
        table = newTable(capacity);
        for (Entry<V> entry : old) {
            if (entry != null) {
                table[freeSlot(table, entry.id)] = entry;
            }
        }
    }

    /** The first empty slot of {@code id}'s run (the table is never more than half full). */
    private static int freeSlot(Entry<?>[] table, long id) {
        int i = home(id, table.length);
        while (table[i] != null) {
            i = (i + 1) & (table.length - 1);
        }
        return i;
    }

    private static int home(long id, int capacity) {
        int h = (int) (id ^ (id >>> 32)) * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (capacity - 1);
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newTable(int capacity) {
        return (Entry<V>[]) new Entry<?>[capacity];
    }
}
