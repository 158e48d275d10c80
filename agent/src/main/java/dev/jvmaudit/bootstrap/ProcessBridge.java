package dev.jvmaudit.bootstrap;

/**
 * Called by advice in {@code java.lang.ProcessImpl.start} (the one method every {@code ProcessBuilder.start} and
 * {@code Runtime.exec} goes through) and in {@code Runtime.exec(String, String[], File)}, which only remembers the
 * command string it was given so the start can be judged on it.
 */
public final class ProcessBridge {

    /** The agent side, typed only with JDK types. */
    public interface Hooks {
        /**
         * A process is about to be started.
         *
         * @param command     the program and its arguments (never the environment)
         * @param execString  the string given to {@code Runtime.exec(String)}, or null when started otherwise
         */
        void starting(String[] command, String execString);
    }

    public static volatile Hooks hooks;

    /** The command string of the {@code Runtime.exec(String...)} call running on this thread, if any. */
    private static final ThreadLocal<String> EXEC_STRING = new ThreadLocal<>();

    private ProcessBridge() {
    }

    /** Enter of {@code Runtime.exec(String, String[], File)}; returns the previous value for {@link #execDone}. */
    public static String execString(String command) {
        if (hooks == null) {
            return null;
        }
        String previous = EXEC_STRING.get();
        EXEC_STRING.set(command);
        return previous;
    }

    public static void execDone(String previous) {
        if (previous == null) {
            EXEC_STRING.remove();
        } else {
            EXEC_STRING.set(previous);
        }
    }

    public static void starting(String[] command) {
        Hooks h = hooks;
        if (h == null || command == null || !Guard.enter()) {
            return;
        }
        try {
            h.starting(command, EXEC_STRING.get());
        } catch (Throwable t) {
            Guard.failed("process", t);
        } finally {
            Guard.exit();
        }
    }
}
