package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.bootstrap.Guard;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * http.unchecked-status: remembers, for each response handed to the application, whether its status was read, and
 * judges it when the response is garbage-collected (a weak reference, so the response is never kept alive) or at
 * the end of the run for those still alive.
 *
 * <p>State is keyed by a <em>status key</em>, the object a status read reaches: the {@code HttpResponse} for
 * java.net.http, or its {@code HttpHeaders} when a body handler reads the status from its {@code ResponseInfo}
 * before the response exists (both keep the same headers object); the {@code CloseableHttpResponse} for Apache
 * HttpClient 5 (the wrapped response is only read through it); the {@code Response} for OkHttp.
 *
 * <p>A response whose status is read after it was handed over is forgotten at once: its entry and the request's
 * captured call site become garbage while still young, so a client that checks its statuses leaves nothing for the
 * collector to keep or to judge.
 *
 * <p>A synchronous send's response waits in a slot of its thread instead ({@link #returned}): the usual client reads the
 * status on that thread before it sends again, which then costs a comparison, not an entry. The slot holds the
 * response strongly, so it goes to the weak entries when the thread sends again, or within {@link #SWEEP_MILLIS} to
 * twice that, whichever comes first; a read from any other thread is remembered as a read before the hand-over.
 */
final class StatusTracker {

    /** One status key, weakly: read yet, and the request it answers once the application holds the response. */
    private static final class Tracked extends WeakIdentityMap.Key {
        volatile boolean read;
        volatile Exchange exchange;
        volatile int status;
        /** A second status key of the same response (java.net.http's headers), read through a ResponseInfo kept longer. */
        volatile Object alsoKey;

        Tracked(Object key, ReferenceQueue<Object> queue) {
            super(key, queue);
        }
    }

    /** A response a synchronous send returned to its thread, with what its hand-over needs. */
    private record Returned(Object response, Object headers, Exchange exchange, int status) {
    }

    /** A thread's last {@link Returned} whose status that thread has not read yet; null when there is none. */
    private static final class Slot extends AtomicReference<Returned> {
        final WeakReference<Thread> owner = new WeakReference<>(Thread.currentThread());
        /** What the judge saw at its previous sweep: still there at the next one, it is handed over. */
        Returned seen;
    }

    /** How often the judge hands over the responses left waiting in slots. */
    static final long SWEEP_MILLIS = 500;

    private final Reporter reporter;
    private final ConcurrentHashMap<Object, Tracked> byKey = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final ConcurrentLinkedQueue<Slot> slots = new ConcurrentLinkedQueue<>();
    /** No initial value: a thread that never sent synchronously gets no slot when it reads a status. */
    private final ThreadLocal<Slot> slot = new ThreadLocal<>();
    private volatile Thread judge;
    private volatile boolean stopped;

    StatusTracker(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * A status read. {@code create}: the read may come before the hand-over (a body handler's ResponseInfo, or an
     * application stage that runs before the agent's on a completed future), so it is remembered until then. Only
     * java.net.http's reads create, and only its responses wait in slots: the others skip the slot's lookup.
     */
    void statusRead(Object key, boolean create) {
        if (create && settledInSlot(key)) {
            return;
        }
        Tracked t = find(key);
        if (t == null) {
            if (!create) {
                return;
            }
            t = add(key);
        }
        t.read = true;
        if (t.exchange != null) {
            forget(t);
        }
    }

    /**
     * The application now holds the response whose status key is {@code key}; {@code alsoKey}, when not null, is
     * another object its status may be read through (java.net.http's headers, which a body handler's ResponseInfo
     * shares): a read through it before the hand-over settles the response now, one after it when it is judged.
     */
    void handedOver(Object key, Object alsoKey, Exchange exchange, int status) {
        if (!reporter.enabled(Rule.HTTP_UNCHECKED_STATUS)) {
            return;
        }
        Tracked also = alsoKey == null ? null : find(alsoKey);
        if (also != null && also.read) {
            forget(also);
            return;
        }
        Tracked t = find(key);
        if (t == null) {
            t = add(key);
        }
        if (t.read) {
            forget(t);
            return;
        }
        if (t.exchange != null) {
            return;
        }
        t.status = status;
        t.alsoKey = alsoKey;
        t.exchange = exchange;
        startJudge();
    }

    /**
     * A synchronous send returned {@code response} to this thread: it waits in the thread's slot, where a status read
     * on this thread settles it; the response it displaces, unread, is handed over.
     */
    void returned(Object response, Object headers, Exchange exchange, int status) {
        if (stopped || !reporter.enabled(Rule.HTTP_UNCHECKED_STATUS)) {
            return;
        }
        Slot own = slot.get();
        if (own == null) {
            own = new Slot();
            slot.set(own);
            slots.add(own);
            startJudge();
        }
        Returned displaced = own.getAndSet(new Returned(response, headers, exchange, status));
        if (displaced != null) {
            handOver(displaced);
        }
    }

    /** True when the key is the response (or its headers) waiting in this thread's slot, now read. */
    private boolean settledInSlot(Object key) {
        Slot own = slot.get();
        Returned r = own == null ? null : own.get();
        return r != null && (r.response == key || r.headers == key) && own.compareAndSet(r, null);
    }

    private void handOver(Returned r) {
        handedOver(r.response, r.headers, r.exchange, r.status);
    }

    /** Responses in slots, then weak entries: what a test sees kept. */
    int tracked() {
        int waiting = 0;
        for (Slot s : slots) {
            waiting += s.get() == null ? 0 : 1;
        }
        return waiting + byKey.size();
    }

    private Tracked find(Object key) {
        return byKey.get(new WeakIdentityMap.Probe(key));
    }

    private Tracked add(Object key) {
        Tracked created = new Tracked(key, collected);
        Tracked previous = byKey.putIfAbsent(created, created);
        return previous == null ? created : previous;
    }

    /** Judged (its status was read): nothing of it is kept, and the collector has no reference to enqueue. */
    private void forget(Tracked t) {
        t.exchange = null;
        t.alsoKey = null;
        byKey.remove(t);
        t.clear();
    }

    private void startJudge() {
        if (judge != null) {
            return;
        }
        synchronized (this) {
            if (judge == null && !stopped) {
                Thread t = new Thread(this::judgeCollected, "audit-http-status");
                t.setDaemon(true);
                judge = t;
                t.start();
            }
        }
    }

    private void judgeCollected() {
        Guard.ownThread();
        long nextSweep = System.nanoTime();
        while (true) {
            try {
                Reference<?> ref = collected.remove(SWEEP_MILLIS);
                if (ref != null) {
                    judgeIfTracked(ref, "judged when it was garbage-collected");
                }
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep();
                    nextSweep = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                reporter.agentError("http", t);
            }
        }
    }

    /** Hands over what waited in a slot since the previous sweep; drops the slots of threads that ended. */
    private void sweep() {
        for (Slot s : slots) {
            Returned r = s.get();
            if (r != null && r == s.seen && s.compareAndSet(r, null)) {
                handOver(r);
                r = null;
            }
            s.seen = r;
            Thread owner = s.owner.get();
            if (r == null && (owner == null || !owner.isAlive())) {
                slots.remove(s);
            }
        }
    }

    /** Detach: the judge ends and the slots let go of their responses; nothing more is judged. */
    void stop() {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = judge;
        }
        if (t != null) {
            t.interrupt();
        }
        for (Slot s : slots) {
            s.set(null);
        }
        slots.clear();
    }

    /** End of run: every response still in a slot, the responses collected meanwhile, then every one still alive. */
    void judgeRemaining() {
        for (Slot s : slots) {
            Returned r = s.getAndSet(null);
            if (r != null) {
                handOver(r);
            }
        }
        Reference<?> ref;
        while ((ref = collected.poll()) != null) {
            judgeIfTracked(ref, "judged when it was garbage-collected");
        }
        for (Tracked t : byKey.values()) {
            if (t.exchange != null) { // the others only record reads, which a response's verdict may ask for
                judgeIfTracked(t, "judged at exit, the response still alive");
            }
        }
    }

    /** Judges an entry once: whoever removes it from the map (the collector's queue, exit) judges it. */
    private void judgeIfTracked(Reference<?> ref, String end) {
        if (ref instanceof Tracked t && byKey.remove(t) != null) {
            judge(t, end);
        }
    }

    private boolean readThrough(Object alsoKey) {
        Tracked other = alsoKey == null ? null : find(alsoKey);
        return other != null && other.read;
    }

    private void judge(Tracked t, String end) {
        Exchange ex = t.exchange;
        if (t.read || ex == null || readThrough(t.alsoKey)) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("url", ex.url());
        facts.put("method", ex.method());
        facts.put("status", t.status);
        facts.put("client", ex.client());
        String message = "The status of an HTTP response (" + t.status + " to " + ex.method() + " " + ex.url()
                + ") was never read (" + end + "), so an error answer passes for success: check the status"
                + " (statusCode(), getCode(), code() or isSuccessful()) or use a handler that checks it.";
        reporter.report(new Finding(Rule.HTTP_UNCHECKED_STATUS, ex.callSite(), ex.thread(), message, ex.host(), facts));
    }
}
