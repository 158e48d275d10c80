package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.agent.thread.ThreadFacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code shutdown.hook-slow}, {@code shutdown.hook-failed} and {@code shutdown.exit-in-hook}. Each hook is remembered
 * from its registration (where, for the call site) in a weak map, so a removed hook is not kept alive.
 */
final class HookRules {

    /** One registered hook. */
    static final class Registration {
        final Thread hook;
        final CallSite site;
        volatile boolean stuckInExit;

        Registration(Thread hook, CallSite site) {
            this.hook = hook;
            this.site = site;
        }
    }

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final AgentContext context;
    private final Reporter reporter;
    private final Map<Thread, Registration> hooks = new WeakHashMap<>();

    HookRules(AgentContext context) {
        this.context = context;
        this.reporter = context.reporter();
    }

    void added(Thread hook) {
        context.checkTestFault("shutdown");
        if (isJdkHook(hook)) {
            return;
        }
        CallSite site = CallSites.current();
        if (site == null) {
            return;
        }
        synchronized (hooks) {
            hooks.put(hook, new Registration(hook, site));
        }
    }

    void removed(Thread hook) {
        synchronized (hooks) {
            hooks.remove(hook);
        }
    }

    /** The JDK's own hooks (such as java.util.logging's cleaner) are subclasses of Thread defined by the JDK. */
    private static boolean isJdkHook(Thread hook) {
        Class<?> type = hook.getClass();
        if (type == Thread.class) {
            return false;
        }
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == PLATFORM;
    }

    List<Registration> registered() {
        synchronized (hooks) {
            return new ArrayList<>(hooks.values());
        }
    }

    private Registration registration(Thread thread) {
        synchronized (hooks) {
            return hooks.get(thread);
        }
    }

    static boolean allDoneOrStuckInExit(List<Registration> hooks) {
        boolean anyStuck = false;
        for (Registration r : hooks) {
            if (r.stuckInExit) {
                anyStuck = true;
            } else if (r.hook.getState() != Thread.State.TERMINATED) {
                return false;
            }
        }
        return anyStuck;
    }

    /** System.exit called while the hooks run: from a hook it blocks forever (the runner joins that very hook). */
    void exitInHook(int status) {
        context.checkTestFault("shutdown");
        Registration r = registration(Thread.currentThread());
        if (r == null) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("hook", r.hook.getName());
        facts.put("method", "System.exit");
        facts.put("status", status);
        CallSite exitAt = CallSites.current();
        if (exitAt != null) {
            facts.put("calledAt", exitAt.toString());
        }
        facts.put("hooks", "running");
        // written (and, the appenders flushing every line, flushed) before Runtime.exit blocks for good
        reporter.report(new Finding(Rule.SHUTDOWN_EXIT_IN_HOOK, r.site, r.hook.getName(),
                "Shutdown hook '" + r.hook.getName() + "' calls System.exit(" + status + ") while the JVM is already "
                        + "shutting down: the call blocks forever, so the hook never ends and the JVM never exits; "
                        + "return from the hook instead (Runtime.halt if the JVM must stop at once).",
                null, facts));
        // only now may the watchdog run the end of run (which closes the log)
        r.stuckInExit = true;
    }

    /** Runtime.halt by the application before any shutdown: the hooks are skipped. */
    void halt(int status) {
        context.checkTestFault("shutdown");
        List<Registration> skipped = registered();
        List<String> names = new ArrayList<>();
        for (Registration r : skipped) {
            names.add(r.hook.getName());
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("method", "Runtime.halt");
        facts.put("status", status);
        facts.put("hooks", "bypassed");
        facts.put("hooksSkipped", names);
        reporter.report(Rule.SHUTDOWN_EXIT_IN_HOOK,
                "Runtime.halt(" + status + ") stops the JVM at once: no shutdown hook runs (" + names.size()
                        + " registered by the application), so their cleanup is lost; call System.exit, or halt only "
                        + "from a shutdown hook that must not wait.",
                null, facts);
    }

    void failed(Thread thread, Throwable error) {
        Registration r = registration(thread);
        if (r == null) {
            return;
        }
        context.checkTestFault("shutdown");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("hook", thread.getName());
        ThreadFacts.exception(error, facts);
        reporter.report(new Finding(Rule.SHUTDOWN_HOOK_FAILED, r.site, thread.getName(),
                "Shutdown hook '" + thread.getName() + "' ended by " + error.getClass().getName()
                        + ": the rest of its cleanup did not run; catch and log failures inside the hook, step by step.",
                null, facts));
    }

    /** The budget ran out: every hook still running is reported now, with where it is. */
    void slow(List<Registration> registrations, long elapsedNanos, long budgetNanos) {
        context.checkTestFault("shutdown");
        for (Registration r : registrations) {
            Thread.State state = r.hook.getState();
            if (r.stuckInExit || state == Thread.State.TERMINATED || state == Thread.State.NEW) {
                continue;
            }
            StackTraceElement[] stack = r.hook.getStackTrace();
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("hook", r.hook.getName());
            facts.put("budgetMs", TimeUnit.NANOSECONDS.toMillis(budgetNanos));
            facts.put("runningMs", TimeUnit.NANOSECONDS.toMillis(elapsedNanos));
            facts.put("state", state.name());
            CallSite at = CallSites.first(stack);
            if (at != null) {
                facts.put("at", at.toString());
            }
            facts.put("stack", ThreadFacts.stack(stack));
            reporter.report(new Finding(Rule.SHUTDOWN_HOOK_SLOW, r.site, r.hook.getName(),
                    "Shutdown hook '" + r.hook.getName() + "' is still running after the " + TimeUnit.NANOSECONDS.toMillis(budgetNanos)
                            + " ms budget (shutdown.budget): an orchestrator kills the JVM after its grace period and the "
                            + "rest of shutdown is lost; bound each step of the hook with a timeout.",
                    null, facts));
        }
    }

    void agentError(Throwable t) {
        reporter.agentError("shutdown", t);
    }
}
