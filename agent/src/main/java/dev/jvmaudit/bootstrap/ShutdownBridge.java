package dev.jvmaudit.bootstrap;

/**
 * Called by advice in {@code java.lang.ApplicationShutdownHooks} (when the application's hooks start and end) and in
 * {@code java.lang.Runtime} (hook registration, {@code exit}, {@code halt}), and by advice on
 * {@code Thread.dispatchUncaughtException} (a hook ending by an exception).
 */
public final class ShutdownBridge {

    /** The agent side, typed only with JDK types. */
    public interface Hooks {
        void applicationHooksStarting();

        void applicationHooksDone();

        /** {@code Runtime.addShutdownHook(hook)} returned normally. */
        default void hookAdded(Thread hook) {
        }

        /** {@code Runtime.removeShutdownHook(hook)} removed it. */
        default void hookRemoved(Thread hook) {
        }

        /** {@code Runtime.exit(status)} (so {@code System.exit}) is called by the current thread. */
        default void exiting(int status) {
        }

        /** {@code Runtime.halt(status)} is called by the current thread. */
        default void halting(int status) {
        }

        /** {@code thread} is about to end by {@code error}. */
        default void uncaught(Thread thread, Throwable error) {
        }
    }

    public static volatile Hooks hooks;

    private ShutdownBridge() {
    }

    public static void applicationHooksStarting() {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.applicationHooksStarting();
        } catch (Throwable t) {
            Guard.failed("shutdown", t);
        } finally {
            Guard.exit();
        }
    }

    public static void applicationHooksDone() {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.applicationHooksDone();
        } catch (Throwable t) {
            Guard.failed("shutdown", t);
        } finally {
            Guard.exit();
        }
    }

    public static void hookAdded(Thread hook) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.hookAdded(hook);
        } catch (Throwable t) {
            Guard.failed("shutdown", t);
        } finally {
            Guard.exit();
        }
    }

    public static void hookRemoved(Thread hook) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.hookRemoved(hook);
        } catch (Throwable t) {
            Guard.failed("shutdown", t);
        } finally {
            Guard.exit();
        }
    }

    public static void exiting(int status) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.exiting(status);
        } catch (Throwable t) {
            Guard.failed("shutdown", t);
        } finally {
            Guard.exit();
        }
    }

    public static void halting(int status) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.halting(status);
        } catch (Throwable t) {
            Guard.failed("shutdown", t);
        } finally {
            Guard.exit();
        }
    }

    public static void uncaught(Thread thread, Throwable error) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.uncaught(thread, error);
        } catch (Throwable t) {
            Guard.failed("shutdown", t);
        } finally {
            Guard.exit();
        }
    }
}
