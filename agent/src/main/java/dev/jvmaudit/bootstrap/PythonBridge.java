package dev.jvmaudit.bootstrap;

/**
 * Called by advice inlined into Jython's classes (matched by name; the agent never links against Jython): the
 * acts of Python code that reach no hooked JDK method, and the points where Jython itself handles what the JDK
 * would (exceptions of Python threads, files left to its closer).
 */
public final class PythonBridge {

    /** The agent side, typed only with JDK types. */
    public interface Hooks {
        /** {@code os.chmod}/{@code os.lchmod} ({@code PosixModule}) returned normally; {@code path} is the Python path. */
        void chmod(Object path);

        /** {@code os.mkdir} ({@code PosixModule}) returned normally. */
        void mkdir(Object path);

        /** Jython's closer is about to close the files Python code left open ({@code PySystemStateCloser.runClosers}). */
        void closerStarting();

        /** A Python {@code except}/{@code finally} took {@code exception} in {@code frame}, on a Jython function thread. */
        void caught(Object exception, Object frame) throws Exception;

        /** A Jython socket ({@code org.python.netty} channel) is connecting to {@code address}. */
        void connecting(Object channel, Object address) throws Exception;

        /** {@code sun.misc.Signal.handle(signal, handler)}: Python's {@code signal.signal} ends here. */
        void signalHandlerSet(Object signal, Object handler);

        /** A {@code sun.misc} signal handler starts running on the current thread ("SIGTERM handler"). */
        void signalHandling(Object signal, Object handler);

        /** That handler returned, or ended by {@code failure}. */
        void signalHandled(Object signal, Object handler, Throwable failure) throws Exception;
    }

    /** The thread running Python's exit functions ({@code PySystemState.callExitFunc}: atexit), or null. */
    private static volatile Thread exitFunctions;

    public static volatile Hooks hooks;

    private static final String FUNCTION_THREAD = "org.python.core.FunctionThread";

    private PythonBridge() {
    }

    public static void chmod(Object path) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.chmod(path);
        } catch (Throwable t) {
            Guard.failed("python", t);
        } finally {
            Guard.exit();
        }
    }

    public static void mkdir(Object path) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.mkdir(path);
        } catch (Throwable t) {
            Guard.failed("python", t);
        } finally {
            Guard.exit();
        }
    }

    public static void closerStarting() {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.closerStarting();
        } catch (Throwable t) {
            Guard.failed("python", t);
        } finally {
            Guard.exit();
        }
    }

    /** Every Python exception handler runs this: constant work unless the thread is a Jython function thread. */
    public static void caught(Object exception, Object frame) {
        Hooks h = hooks;
        if (h == null || exception == null) {
            return;
        }
        Thread current = Thread.currentThread();
        if (current != exitFunctions && !current.getClass().getName().equals(FUNCTION_THREAD) || !Guard.enter()) {
            return;
        }
        try {
            h.caught(exception, frame);
        } catch (Throwable t) {
            Guard.failed("python", t);
        } finally {
            Guard.exit();
        }
    }

    /** Enter and exit of {@code PySystemState.callExitFunc()}. */
    public static void exitFunctions(boolean running) {
        if (hooks != null) {
            exitFunctions = running ? Thread.currentThread() : null;
        }
    }

    public static void signalHandlerSet(Object signal, Object handler) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.signalHandlerSet(signal, handler);
        } catch (Throwable t) {
            Guard.failed("python", t);
        } finally {
            Guard.exit();
        }
    }

    public static void signalHandling(Object signal, Object handler) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.signalHandling(signal, handler);
        } catch (Throwable t) {
            Guard.failed("python", t);
        } finally {
            Guard.exit();
        }
    }

    public static void signalHandled(Object signal, Object handler, Throwable failure) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.signalHandled(signal, handler, failure);
        } catch (Throwable t) {
            Guard.failed("python", t);
        } finally {
            Guard.exit();
        }
    }

    public static void connecting(Object channel, Object address) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.connecting(channel, address);
        } catch (Throwable t) {
            Guard.failed("python", t);
        } finally {
            Guard.exit();
        }
    }
}
