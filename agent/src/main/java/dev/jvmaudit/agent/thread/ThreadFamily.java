package dev.jvmaudit.agent.thread;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.BuiltOnFirstCall;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.shutdown.ShutdownFamily;
import dev.jvmaudit.bootstrap.ThreadBridge;

import java.util.List;

import static dev.jvmaudit.agent.Methods.method;

/**
 * Threads: where each is started, how it dies, deadlocks, and the ones still running at exit.
 *
 * <pre>
 * java.lang.Thread.start()                              every platform thread (Thread, pools, executors)
 * java.lang.Thread.start(ThreadContainer)      JDK 21+  threads of thread-per-task executors and structured scopes
 * java.lang.VirtualThread.start(ThreadContainer) JDK 21+ every virtual thread (start() delegates to it)
 * java.lang.Thread.dispatchUncaughtException(Throwable) called by the JVM for every uncaught exception
 * java.lang.Thread.exit()                               called by the JVM as each platform thread ends
 * ThreadMXBean.findDeadlockedThreads()                  on the audit-deadlock thread, every thread.deadlock.interval
 * </pre>
 */
public final class ThreadFamily implements Family {

    private final ShutdownFamily shutdown;
    private volatile DeadlockDetector deadlocks;
    private volatile FirstCall firstCall;

    public ThreadFamily(ShutdownFamily shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public String name() {
        return "thread";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("java.lang.Thread", method("start").arity(0, 1), "thread.ThreadStartAdvice"),
                new Hook("java.lang.VirtualThread", method("start").arity(1), "thread.ThreadStartAdvice"),
                new Hook("java.lang.Thread", method("dispatchUncaughtException"), "thread.UncaughtAdvice"),
                new Hook("java.lang.Thread", method("exit").arity(0), "thread.ThreadExitAdvice"));
    }

    @Override
    public void start(AgentContext context) {
        FirstCall first = new FirstCall(context);
        firstCall = first;
        ThreadBridge.hooks = first;
        if (context.attached()) {
            first.rules(); // threads already running are adopted now, not at the next start
        }
    }

    private ThreadRules builtRules() {
        FirstCall first = firstCall;
        return first == null ? null : first.built();
    }

    /** Builds the rules and starts the deadlock detector at the first thread start or uncaught exception. */
    private final class FirstCall extends BuiltOnFirstCall<ThreadRules> implements ThreadBridge.Hooks {
        private final AgentContext context;

        FirstCall(AgentContext context) {
            this.context = context;
        }

        @Override
        protected ThreadRules build() {
            ThreadRules built = new ThreadRules(context, shutdown);
            if (context.attached()) {
                built.adoptRunning();
            }
            DeadlockDetector detector = new DeadlockDetector(context, built);
            deadlocks = detector;
            ThreadBridge.hooks = built;
            detector.start();
            return built;
        }

        @Override
        public void starting(Thread thread) {
            ThreadRules r = rules();
            if (r != null) {
                r.starting(thread);
            }
        }

        @Override
        public void uncaught(Thread thread, Throwable error) {
            ThreadRules r = rules();
            if (r != null) {
                r.uncaught(thread, error);
            }
        }

        @Override
        public void ended(Thread thread) {
            ThreadRules r = built();
            if (r != null) {
                r.ended(thread);
            }
        }
    }

    /** Deadlocks first: a deadlocked thread is also one still running at exit, and the deadlock is the cause. */
    @Override
    public void atExit() {
        DeadlockDetector d = deadlocks;
        ThreadRules r = builtRules();
        try {
            if (d != null) {
                d.checkAtExit();
            }
        } finally {
            if (r != null) {
                r.abandonedAtExit();
            }
        }
    }

    /** Where the application started this thread (null: not started by application code, or a shutdown hook). */
    public CallSite startSite(Thread thread) {
        ThreadRules r = builtRules();
        return r == null ? null : r.startSite(thread);
    }

    @Override
    public void stop() {
        FirstCall first = firstCall;
        if (first != null) {
            first.stop();
        }
        ThreadBridge.hooks = null;
        DeadlockDetector d = deadlocks;
        if (d != null) {
            d.stop();
        }
    }
}
