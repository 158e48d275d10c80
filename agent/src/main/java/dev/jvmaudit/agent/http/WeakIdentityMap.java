package dev.jvmaudit.agent.http;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A concurrent map keyed by object identity that never keeps its keys alive: per-response and per-connection state
 * the agent cannot put in a field of a class that is already loaded. Cleared keys are expunged on every update.
 */
final class WeakIdentityMap<V> {

    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    V get(Object key) {
        return key == null ? null : map.get(new Probe(key));
    }

    /** The value for the key, created by the supplier when absent. */
    V computeIfAbsent(Object key, Supplier<V> supplier) {
        V value = get(key);
        if (value != null) {
            return value;
        }
        expunge();
        V created = supplier.get();
        V previous = map.putIfAbsent(new Key(key, cleared), created);
        return previous == null ? created : previous;
    }

    /** True when the key was not there before (it is now). */
    boolean add(Object key, V value) {
        expunge();
        return map.putIfAbsent(new Key(key, cleared), value) == null;
    }

    int size() {
        expunge();
        return map.size();
    }

    private void expunge() {
        Object ref;
        while ((ref = cleared.poll()) != null) {
            map.remove(ref);
        }
    }

    /** Looks a key up without a reference object of its own; the map compares it with each entry's referent. */
    record Probe(Object key) {
        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.refersTo(key);
        }
    }

    /** A weak key compared by its referent's identity (and, once cleared, by its own); {@link StatusTracker} extends it. */
    static class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public final int hashCode() {
            return hash;
        }

        /** The same referent: two threads adding one key at once end up with one entry. */
        @Override
        public final boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object mine;
            return other instanceof Key k && k.hash == hash && (mine = get()) != null && k.refersTo(mine);
        }
    }
}
