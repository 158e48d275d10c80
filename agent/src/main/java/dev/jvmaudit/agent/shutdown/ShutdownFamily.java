package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.EndOfRun;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.bootstrap.Guard;
import dev.jvmaudit.bootstrap.ShutdownBridge;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.jvmaudit.agent.Methods.method;

/**
 * Shutdown hooks. {@code ApplicationShutdownHooks.runHooks} starts every application hook and joins them all: its
 * exit is the moment after which the agent runs its own end-of-run work. This family is always started, also with
 * {@code hooks.shutdown.enabled=false}, because it drives {@link EndOfRun}; that option switches off its rules, not
 * its hooks (the hook table does not depend on options, so transformed classes are the same in every run).
 *
 * <pre>
 * java.lang.ApplicationShutdownHooks.runHooks()      entry: start the watchdog; exit: end of run (bounded to 1 s)
 * java.lang.Runtime.halt(int)                         shutdown.exit-in-hook (hooks bypassed), then end of run
 * java.lang.Runtime.addShutdownHook(Thread)           where each hook was registered
 * java.lang.Runtime.removeShutdownHook(Thread)
 * java.lang.Runtime.exit(int)                         System.exit: shutdown.exit-in-hook
 * java.lang.Thread.dispatchUncaughtException          shutdown.hook-failed
 * </pre>
 */
public final class ShutdownFamily implements Family, ShutdownBridge.Hooks {

    /** The most the agent's own end-of-run work may add to the JVM's exit. */
    static final long END_OF_RUN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EndOfRun endOfRun;
    private volatile HookRules rules;
    private volatile long budgetNanos = TimeUnit.SECONDS.toNanos(10);

    /** The thread running {@code runHooks}: the one in System.exit, "SIGTERM handler", or DestroyJavaVM. */
    private volatile Thread hooksRunner;
    private volatile boolean hooksStarted;
    private volatile boolean hooksDone;

    private final Object endLock = new Object();
    private Thread endThread;
    private long endDeadline;

    public ShutdownFamily(EndOfRun endOfRun) {
        this.endOfRun = endOfRun;
    }

    @Override
    public String name() {
        return "shutdown";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("java.lang.ApplicationShutdownHooks", method("runHooks"), "shutdown.RunHooksAdvice"),
                new Hook("java.lang.Runtime", method("halt").parameters(int.class), "shutdown.HaltAdvice"),
                new Hook("java.lang.Runtime", method("addShutdownHook"), "shutdown.AddHookAdvice"),
                new Hook("java.lang.Runtime", method("removeShutdownHook"), "shutdown.RemoveHookAdvice"),
                new Hook("java.lang.Runtime", method("exit").parameters(int.class), "shutdown.ExitAdvice"),
                new Hook("java.lang.Thread", method("dispatchUncaughtException"), "shutdown.HookUncaughtAdvice"));
    }

    @Override
    public void start(AgentContext context) {
        budgetNanos = TimeUnit.MILLISECONDS.toNanos(context.config().shutdownBudgetMillis());
        rules = context.config().hookEnabled(name()) ? new HookRules(context) : null;
        ShutdownBridge.hooks = this;
    }

    @Override
    public void stop() {
        ShutdownBridge.hooks = null;
    }

    /** Makes the JVM run {@code ApplicationShutdownHooks} at exit even if the application registers no hook. */
    public static void ensureApplicationHooksRun() throws ClassNotFoundException {
        Class.forName("java.lang.ApplicationShutdownHooks", true, null);
    }

    // ---- what the thread rules need to know about shutdown ----

    /** True while the current thread is the one starting the application's hooks (inside {@code runHooks}). */
    public boolean startingHooks() {
        return hooksStarted && !hooksDone && Thread.currentThread() == hooksRunner;
    }

    /** The thread that runs the application's hooks (null before shutdown). */
    public Thread hooksRunner() {
        return hooksRunner;
    }

    /** Why the JVM is shutting down, from the name of the thread running the hooks. */
    public String trigger() {
        Thread runner = hooksRunner;
        if (runner == null) {
            return null;
        }
        String name = runner.getName();
        if (name.equals("DestroyJavaVM")) {
            return "main returned";
        }
        if (name.startsWith("SIG") && name.endsWith(" handler")) {
            return name.substring(0, name.length() - " handler".length());
        }
        return "System.exit on thread '" + name + "'";
    }

    /** True when shutdown began because the last non-daemon thread ended (no thread can have been abandoned). */
    public boolean mainReturned() {
        Thread runner = hooksRunner;
        return runner != null && runner.getName().equals("DestroyJavaVM");
    }

    // ---- the bridge ----

    @Override
    public void applicationHooksStarting() {
        hooksRunner = Thread.currentThread();
        hooksStarted = true;
        HookRules r = rules;
        List<HookRules.Registration> hooks = r == null ? List.of() : r.registered();
        long started = System.nanoTime();
        Thread watchdog = new Thread(new Runnable() { // not a lambda: spinning its class would delay every exit
            @Override
            public void run() {
                watch(started, hooks);
            }
        }, "audit-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public void applicationHooksDone() {
        hooksDone = true;
        finishBounded();
    }

    @Override
    public void hookAdded(Thread hook) {
        HookRules r = rules;
        if (r != null) {
            r.added(hook);
        }
    }

    @Override
    public void hookRemoved(Thread hook) {
        HookRules r = rules;
        if (r != null) {
            r.removed(hook);
        }
    }

    @Override
    public void exiting(int status) {
        HookRules r = rules;
        if (r != null && hooksStarted && !hooksDone) {
            r.exitInHook(status);
        }
    }

    @Override
    public void halting(int status) {
        try {
            HookRules r = rules;
            if (r != null && !hooksStarted) {
                r.halt(status);
            }
        } finally {
            // the JVM stops right after this: the agent's end of run happens now or never
            finishBounded();
        }
    }

    @Override
    public void uncaught(Thread thread, Throwable error) {
        HookRules r = rules;
        if (r != null) {
            r.failed(thread, error);
        }
    }

    // ---- the watchdog and the bounded end of run ----

    /**
     * Runs on an agent daemon thread from the start of {@code runHooks}: when the hooks are done, or all that are not
     * done are stuck in {@code System.exit}, or the budget runs out, it makes sure the end of run happens. At the
     * budget it first reports the hooks still running.
     */
    private void watch(long startedAt, List<HookRules.Registration> hooks) {
        Guard.ownThread();
        try {
            long deadline = startedAt + budgetNanos;
            while (!hooksDone) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    HookRules r = rules;
                    if (r != null) {
                        r.slow(hooks, System.nanoTime() - startedAt, budgetNanos);
                    }
                    finishBounded();
                    return;
                }
                if (HookRules.allDoneOrStuckInExit(hooks)) {
                    finishBounded();
                    return;
                }
                Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 20)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            endOfRunError(t);
            finishBounded();
        }
    }

    /**
     * Runs {@link EndOfRun} once, on an agent daemon thread, and waits for it at most one second from its start:
     * whoever calls this (the end of {@code runHooks}, the watchdog, {@code halt}) never waits longer.
     */
    void finishBounded() {
        Thread t;
        long deadline;
        synchronized (endLock) {
            if (endThread == null) {
                endDeadline = System.nanoTime() + END_OF_RUN_LIMIT_NANOS;
                endThread = new Thread(endOfRun, "audit-end-of-run");
                endThread.setDaemon(true);
                endThread.start();
            }
            t = endThread;
            deadline = endDeadline;
        }
        if (t == Thread.currentThread()) {
            return;
        }
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void endOfRunError(Throwable t) {
        HookRules r = rules;
        if (r != null) {
            r.agentError(t);
        }
    }
}
