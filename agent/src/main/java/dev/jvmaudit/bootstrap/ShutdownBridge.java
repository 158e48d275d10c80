package dev.jvmaudit.bootstrap;

/** Called by advice in {@code java.lang.ApplicationShutdownHooks}: marks when the application's hooks start and end. */
public final class ShutdownBridge {

    /** The agent side, typed only with JDK types. */
    public interface Hooks {
        void applicationHooksStarting();

        void applicationHooksDone();
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
}
