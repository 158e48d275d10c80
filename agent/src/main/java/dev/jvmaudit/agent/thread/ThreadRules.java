package dev.jvmaudit.agent.thread;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.agent.shutdown.ShutdownFamily;
import dev.jvmaudit.bootstrap.ThreadBridge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Remembers, for every thread the application starts, where it was started (weakly: a finished thread is not kept
 * alive), and judges {@code thread.uncaught-death} and {@code thread.abandoned-at-exit} on those threads only.
 */
final class ThreadRules implements ThreadBridge.Hooks {

    /**
     * What is known about a started thread. {@code start} (where it was started, resolved to a line only when a
     * finding names it) is null for a shutdown hook, and resolves to null for a thread the JDK started on its own.
     */
    record Started(CallSites.Capture start, boolean hook) {
        CallSite site() {
            return start == null ? null : start.site();
        }
    }

    private static final Started HOOK = new Started(null, true);

    private final AgentContext context;
    private final Reporter reporter;
    private final ShutdownFamily shutdown;
    private final StartedThreads<Started> started = new StartedThreads<>();

    ThreadRules(AgentContext context, ShutdownFamily shutdown) {
        this.context = context;
        this.reporter = context.reporter();
        this.shutdown = shutdown;
    }

    @Override
    public void starting(Thread thread) {
        context.checkTestFault("thread");
        Started record;
        if (shutdown.startingHooks()) {
            // runHooks starting the application's hooks: theirs are the shutdown rules
            record = HOOK;
        } else {
            if (isJdkPoolWorker(thread)) {
                return;
            }
            CallSites.Capture site = CallSites.captureLazily();
            if (site == null) {
                return;
            }
            record = new Started(site, false);
        }
        started.putIfAbsent(thread, record);
    }

    /**
     * A thread that ends is forgotten at once: kept until the collector found it gone, every record of a short-lived
     * thread outlived a young collection, which copied it (and, on a small heap, promoted it).
     */
    @Override
    public void ended(Thread thread) {
        started.remove(thread);
    }

    /**
     * Attached to a running JVM: its non-daemon threads running application code are the application's. Their start
     * is unknown, so their call site is the outermost application frame they run (their entry point).
     */
    void adoptRunning() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (t.isDaemon() || t.getName().equals("main") || t.getName().equals("DestroyJavaVM") || isJdkPoolWorker(t)) {
                continue;
            }
            StackTraceElement[] stack = e.getValue().clone();
            java.util.Collections.reverse(java.util.Arrays.asList(stack));
            CallSite entry = CallSites.first(stack);
            if (entry != null) {
                started.putIfAbsent(t, new Started(CallSites.Capture.of(entry), false));
            }
        }
    }

    /** Workers of the common pool are the JDK's, even when an application call (a parallel stream) made one start. */
    static boolean isJdkPoolWorker(Thread thread) {
        return thread instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool();
    }

    Started startOf(Thread thread) {
        return started.get(thread);
    }

    /** Where the application started this thread (null: not started by application code). */
    CallSite startSite(Thread thread) {
        Started s = startOf(thread);
        return s == null ? null : s.site();
    }

    @Override
    public void uncaught(Thread thread, Throwable error) {
        context.checkTestFault("thread");
        Started record = startOf(thread);
        if (record == null || record.hook() || record.site() == null || handled(thread)) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        ThreadFacts.exception(error, facts);
        facts.put("daemon", thread.isDaemon());
        reporter.report(new Finding(Rule.THREAD_UNCAUGHT_DEATH, record.site(), thread.getName(),
                "Thread '" + thread.getName() + "' died of an uncaught " + error.getClass().getName()
                        + " and no handler took it (thread, group or default): its work stopped silently; catch "
                        + "failures in the task or set an UncaughtExceptionHandler that logs and reacts.",
                null, facts));
    }

    /** True when the thread's own handler, an overriding thread group, or the default handler takes the exception. */
    static boolean handled(Thread thread) {
        Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
        ThreadGroup group = thread.getThreadGroup();
        if (handler == null) {
            return true;
        }
        if (handler != group) {
            return true;
        }
        for (ThreadGroup g = group; g != null; g = g.getParent()) {
            if (overridesUncaughtException(g.getClass())) {
                return true;
            }
        }
        return Thread.getDefaultUncaughtExceptionHandler() != null;
    }

    private static boolean overridesUncaughtException(Class<?> groupClass) {
        if (groupClass == ThreadGroup.class) {
            return false;
        }
        try {
            return groupClass.getMethod("uncaughtException", Thread.class, Throwable.class).getDeclaringClass() != ThreadGroup.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * End of run: non-daemon threads the application started that are still alive once the hooks are done. Never
     * the hooks, never a thread blocked in System.exit or halt, never when main returned (the JVM waited for all).
     */
    void abandonedAtExit() {
        context.checkTestFault("thread");
        if (!reporter.enabled(Rule.THREAD_ABANDONED_AT_EXIT) || shutdown.mainReturned()) {
            return;
        }
        Thread runner = shutdown.hooksRunner();
        String trigger = shutdown.trigger();
        for (Map.Entry<Thread, Started> e : started.entries()) {
            Thread t = e.getKey();
            // a start with no application frame was the JDK's own
            if (e.getValue().hook() || !t.isAlive() || t.isDaemon() || t == runner || t.getName().equals("DestroyJavaVM")
                    || e.getValue().site() == null) {
                continue;
            }
            StackTraceElement[] stack = t.getStackTrace();
            if (!t.isAlive() || inExit(stack)) {
                continue;
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("state", t.getState().name());
            CallSite at = CallSites.where(t, stack);
            if (at != null) {
                facts.put("at", at.toString());
            }
            if (trigger != null) {
                facts.put("shutdown", trigger);
            }
            reporter.report(new Finding(Rule.THREAD_ABANDONED_AT_EXIT, e.getValue().site(), t.getName(),
                    "Non-daemon thread '" + t.getName() + "' is still running after the shutdown hooks finished: "
                            + "the JVM stops it mid-work; stop it from a shutdown hook (signal it, then join with a "
                            + "timeout), or make it a daemon if its work may be lost.",
                    null, facts));
        }
    }

    /** A thread blocked in System.exit/Runtime.halt (a second caller, or the one that started the shutdown). */
    private static boolean inExit(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.equals("java.lang.Shutdown")
                    || c.equals("java.lang.Runtime") && (frame.getMethodName().equals("exit") || frame.getMethodName().equals("halt"))) {
                return true;
            }
        }
        return false;
    }
}
