package dev.jvmaudit.agent.report;

import dev.jvmaudit.agent.python.PythonFrames;

import java.lang.StackWalker.StackFrame;
import java.util.Iterator;

/**
 * Finds the first application frame: the first frame outside the JDK, the agent and the libraries whose
 * calls the agent instruments (HTTP clients, logging).
 */
public final class CallSites {

    private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), 16);
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private CallSites() {
    }

    /**
     * The first application frame of the current thread's stack, or null when the JDK or the agent acts alone. When
     * the first frame outside the JDK and the instrumented libraries is Jython's (its runtime or code it compiled), the
     * acting code is Python: the call site is the innermost Python frame outside Jython's standard library, read from
     * Jython's own frames (null when only Jython itself acts, as in its start-up).
     */
    public static CallSite current() {
        Capture capture = capture();
        return capture == null ? null : capture.site();
    }

    /**
     * The same walk as {@link #current()}, without resolving the frame's file and line (a native call and a
     * {@code StackTraceElement}, about 0.5 us): for events that are judged later and are mostly never reported. Null
     * exactly when {@link #current()} would be null. A Python call site is read now, from the current thread's Jython
     * frames, since they change as soon as the call returns.
     */
    public static Capture capture() {
        Object found = WALKER.walk(CallSites::firstOutsideJdk);
        if (found instanceof StackFrame f) {
            return new Capture(f, null);
        }
        CallSite python = found instanceof Class<?> jythonClass ? PythonFrames.current(jythonClass) : null;
        return python == null ? null : new Capture(null, python);
    }

    /**
     * Like {@link #capture()}, for an event that is mostly never reported and may be kept without a call site: the
     * application frame is looked for only when it is named, and may then turn out to be absent (null). Each thread
     * takes the cheaper of two ways. The walk costs about the same at any depth; a {@code Throwable}, which records the
     * whole stack natively and builds no frame object until asked, is several times cheaper on a shallow stack and
     * grows with it. Every 128th capture of a thread takes the other way, to keep both costs current (every 16th put the
     * dearer way's 2-3 us at 0.1-0.2 us on every open), and only that one and one other in 128 are timed (two clock
     * reads on every capture were a tenth of its cost). While Jython is loaded, always the walk: Python call sites must
     * be read before the call returns.
     */
    public static Capture captureLazily() {
        if (jythonLoaded || !THROWABLES_HAVE_STACKS) {
            return capture();
        }
        Costs costs = COSTS.get();
        int turn = costs.captures++ & 127;
        boolean throwable = (costs.throwable <= costs.walk) != (turn == 0);
        if (turn != 0 && turn != 64) {
            return throwable ? new Capture(new Throwable(), null) : capture();
        }
        long start = System.nanoTime();
        Capture capture = throwable ? new Capture(new Throwable(), null) : capture();
        long took = System.nanoTime() - start;
        if (throwable) {
            costs.throwable = costs.throwable == 0 ? took : (costs.throwable * 7 + took) >>> 3;
        } else {
            costs.walk = costs.walk == 0 ? took : (costs.walk * 7 + took) >>> 3;
        }
        return capture;
    }

    /**
     * {@link #captureLazily()}, or the call site the application's call was tagged with ({@code SiteTags}), which costs
     * no capture at all: the tag names the first application frame a capture would have found, the tagged call's own.
     */
    public static Capture captureLazily(String tag) {
        return tag != null ? new Capture(tag, null) : captureLazily();
    }

    /** False when the JVM runs with {@code -XX:-StackTraceInThrowable}. */
    private static final boolean THROWABLES_HAVE_STACKS = new Throwable().getStackTrace().length > 0;

    /** Jython's runtime is loaded: captures must read Python frames at once. Set when its classes are instrumented. */
    public static volatile boolean jythonLoaded;

    /** A thread's average cost of each way to capture, in nanoseconds (0: not measured yet). */
    private static final class Costs {
        long walk;
        long throwable;
        int captures;
    }

    private static final ThreadLocal<Costs> COSTS = new ThreadLocal<Costs>() {
        @Override
        protected Costs initialValue() {
            return new Costs();
        }
    };

    /**
     * A captured application frame, resolved to a {@link CallSite} on the first {@link #site()}. Until then it holds
     * the walker's frame, a {@code Throwable} (and so their classes) or a call site's tag, for as long as the event it
     * belongs to is kept.
     */
    public static final class Capture {
        /** The walker's frame, a {@code Throwable} or a tag, until resolved. */
        private Object pending;
        private volatile CallSite site;
        private volatile boolean resolved;

        private Capture(Object pending, CallSite site) {
            this.pending = pending;
            this.site = site;
            this.resolved = pending == null;
        }

        /** A capture of a call site already known (tests, events that are not walked). */
        public static Capture of(CallSite site) {
            return site == null ? null : new Capture(null, site);
        }

        /** The call site; null only for a {@link #captureLazily()} capture that found no application frame. */
        public CallSite site() {
            if (resolved) {
                return site;
            }
            synchronized (this) {
                if (!resolved) {
                    if (pending instanceof StackFrame f) {
                        site = new CallSite(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
                    } else if (pending instanceof String tag) {
                        site = CallSite.ofTag(tag);
                    } else {
                        site = first(((Throwable) pending).getStackTrace());
                    }
                    pending = null;
                    resolved = true;
                }
                return site;
            }
        }
    }

    /**
     * The first frame outside the JDK, the agent and the instrumented libraries; when it is Jython's, the class of
     * the first compiled Python frame below it (Python runs on this thread), or null when there is none.
     */
    private static Object firstOutsideJdk(java.util.stream.Stream<StackFrame> frames) {
        boolean jython = false;
        for (Iterator<StackFrame> it = frames.iterator(); it.hasNext(); ) {
            StackFrame f = it.next();
            if (!isOutsideJdkAndLibraries(f)) {
                continue;
            }
            String name = f.getClassName();
            if (!jython && !PythonFrames.isJythonClass(name)) {
                return f;
            }
            jython = true;
            if (PythonFrames.isCompiledPython(name)) {
                return f.getDeclaringClass();
            }
        }
        return null;
    }

    /**
     * The first application frame of a captured stack (lambda proxies, which have no source line, skipped), or null; a
     * Python frame there carries the JVM's line.
     */
    public static CallSite first(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName();
            if (ApplicationClasses.isApplicationClassName(name) && !ApplicationClasses.isJdkModule(frame.getModuleName())
                    && !name.contains("$$Lambda")) {
                if (PythonFrames.isCompiledPython(name)) {
                    CallSite python = PythonFrames.fromStackFrame(frame);
                    if (python != null) {
                        return python;
                    }
                } else if (!PythonFrames.isJythonClass(name)) {
                    return CallSite.of(frame);
                }
            }
        }
        return null;
    }

    /**
     * Where another thread is now: for a Jython thread, its innermost Python application frame (read from Jython's
     * frames, with true lines); otherwise the first application frame of its captured stack.
     */
    public static CallSite where(Thread thread, StackTraceElement[] stack) {
        if (PythonFrames.isJythonClass(thread.getClass().getName())) {
            CallSite python = PythonFrames.ofThread(thread.getClass(), thread);
            if (python != null) {
                return python;
            }
        }
        return first(stack);
    }

    static boolean isApplication(StackFrame frame) {
        return isOutsideJdkAndLibraries(frame) && !PythonFrames.isJythonClass(frame.getClassName());
    }

    private static boolean isOutsideJdkAndLibraries(StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == PLATFORM) {
            return false;
        }
        Module module = type.getModule();
        if (module.isNamed() && ApplicationClasses.isJdkModule(module.getName())) {
            return false;
        }
        return ApplicationClasses.isApplicationClassName(type.getName());
    }
}
