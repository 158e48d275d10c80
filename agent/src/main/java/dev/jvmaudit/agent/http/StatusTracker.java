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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * http.unchecked-status: remembers, for each response handed to the application, whether its status was read, and
 * judges it when the response is garbage-collected (a weak reference, so the response is never kept alive) or at
 * the end of the run for those still alive.
 *
 * <p>State is keyed by a <em>status key</em>, the object every status read of one response reaches: the response's
 * {@code HttpHeaders} for java.net.http (shared by the body handler's {@code ResponseInfo} and the
 * {@code HttpResponse}), the {@code CloseableHttpResponse} for Apache HttpClient 5 (the wrapped response is only
 * read through it), the {@code Response} for OkHttp.
 */
final class StatusTracker {

    /** Per response: read yet, and the request it answers once the application has it. */
    static final class Tracked {
        volatile boolean read;
        volatile Exchange exchange;
        volatile int status;
    }

    private static final class Watch extends WeakReference<Object> {
        final Tracked tracked;

        Watch(Object response, Tracked tracked, ReferenceQueue<Object> queue) {
            super(response, queue);
            this.tracked = tracked;
        }
    }

    private final Reporter reporter;
    private final WeakIdentityMap<Tracked> byKey = new WeakIdentityMap<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private volatile Thread judge;

    StatusTracker(Reporter reporter) {
        this.reporter = reporter;
    }

    /** A status read. {@code create}: the response may not be handed over yet (a body handler's ResponseInfo). */
    void statusRead(Object key, boolean create) {
        Tracked t = create ? byKey.computeIfAbsent(key, Tracked::new) : byKey.get(key);
        if (t != null) {
            t.read = true;
        }
    }

    /** The application now holds {@code response}; {@code key} is its status key. */
    void handedOver(Object key, Object response, Exchange exchange, int status) {
        if (!reporter.enabled(Rule.HTTP_UNCHECKED_STATUS)) {
            return;
        }
        Tracked t = byKey.computeIfAbsent(key, Tracked::new);
        if (t.exchange != null) {
            return;
        }
        t.status = status;
        t.exchange = exchange;
        startJudge();
        watches.add(new Watch(response, t, collected));
    }

    int tracked() {
        return watches.size();
    }

    private void startJudge() {
        if (judge != null) {
            return;
        }
        synchronized (this) {
            if (judge == null) {
                Thread t = new Thread(this::judgeCollected, "audit-http-status");
                t.setDaemon(true);
                judge = t;
                t.start();
            }
        }
    }

    private void judgeCollected() {
        Guard.ownThread();
        while (true) {
            try {
                Reference<?> ref = collected.remove();
                if (ref instanceof Watch w && watches.remove(w)) {
                    judge(w.tracked, "judged when it was garbage-collected");
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                reporter.agentError("http", t);
            }
        }
    }

    /** End of run: the responses collected meanwhile, then every one still alive. */
    void judgeRemaining() {
        Reference<?> ref;
        while ((ref = collected.poll()) != null) {
            if (ref instanceof Watch w && watches.remove(w)) {
                judge(w.tracked, "judged when it was garbage-collected");
            }
        }
        for (Watch w : watches) {
            if (watches.remove(w)) {
                judge(w.tracked, "judged at exit, the response still alive");
            }
        }
    }

    private void judge(Tracked t, String end) {
        Exchange ex = t.exchange;
        if (t.read || ex == null) {
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
