package dev.jvmaudit.bootstrap;

/** Called by advice in {@code java.lang.Thread} (and {@code VirtualThread}): thread starts and uncaught exceptions. */
public final class ThreadBridge {

    /** The agent side, typed only with JDK types. */
    public interface Hooks {
        /** Before {@code thread} is started by the current thread. */
        void starting(Thread thread);

        /** {@code thread} is about to end by {@code error}; the JVM is dispatching it to the handlers. */
        void uncaught(Thread thread, Throwable error);

        /** {@code thread}, a platform thread, is ending (after {@link #uncaught}): what is known of it can go. */
        void ended(Thread thread);
    }

    public static volatile Hooks hooks;

    private ThreadBridge() {
    }

    public static void starting(Thread thread) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.starting(thread);
        } catch (Throwable t) {
            Guard.failed("thread", t);
        } finally {
            Guard.exit();
        }
    }

    /**
     * Without the guard: forgetting a thread triggers no hook, and the guard would give nearly every ending thread a
     * thread-local map of its own.
     */
    public static void ended(Thread thread) {
        Hooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.ended(thread);
        } catch (Throwable t) {
            if (Guard.enter()) {
                try {
                    Guard.failed("thread", t);
                } finally {
                    Guard.exit();
                }
            }
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
            Guard.failed("thread", t);
        } finally {
            Guard.exit();
        }
    }
}
