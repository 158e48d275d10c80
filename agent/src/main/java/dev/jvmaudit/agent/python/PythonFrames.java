package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.report.CallSite;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Python call sites of Jython code, read through Jython's own frames ({@code Py.getFrame()}, {@code PyFrame.f_back},
 * {@code f_code.co_filename}, {@code co_name}, {@code getline()}), by reflection on the classes of the Jython that runs
 * the code (the agent never links against Jython). Only called when a finding is made or a thread or file is
 * recorded, and only when a compiled Python frame is on the current thread's stack, so Jython's state is never
 * touched (or initialised) from a thread that runs no Python.
 */
public final class PythonFrames {

    /** Packages of Jython's runtime and the native layers it ships: never a call site of their own. */
    private static final String[] JYTHON_PREFIXES = {"org.python.", "jnr.", "com.kenai.", "com.ziclix.", "com.xhaus."};

    /** Reflection on one Jython's classes, found from one of its classes. */
    private static final ClassValue<Access> ACCESS = new ClassValue<>() {
        @Override
        protected Access computeValue(Class<?> anyJythonClass) {
            try {
                return new Access(anyJythonClass.getClassLoader());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    };

    private PythonFrames() {
    }

    /** Jython's runtime, its bundled native layers, and code Jython compiled from Python. */
    public static boolean isJythonClass(String className) {
        for (String prefix : JYTHON_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return isCompiledPython(className);
    }

    /** A class Jython compiled from Python source: {@code module$py}, or the main script's {@code org.python.pycode._pyxN}. */
    public static boolean isCompiledPython(String className) {
        return className.endsWith("$py") || className.startsWith("org.python.pycode._pyx");
    }

    /**
     * The innermost Python frame of the current thread that is the application's (not Jython's standard library), as a
     * call site; null when only the standard library runs (Jython's start-up, its closer, ...).
     *
     * @param jythonClass any class of the Jython running on this thread (found on the stack)
     */
    public static CallSite current(Class<?> jythonClass) {
        Access access = ACCESS.get(jythonClass);
        if (access == null) {
            return null;
        }
        try {
            return access.firstApplicationFrame(access.getFrame.invoke(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The same for another thread's current Python frame (at exit: where a thread is now), or null. */
    public static CallSite ofThread(Class<?> jythonClass, Thread thread) {
        Access access = ACCESS.get(jythonClass);
        if (access == null) {
            return null;
        }
        try {
            Object frames = access.currentFrames.invoke(null);
            Object frame = access.findItem.invoke(frames, access.newInteger.invoke(null, thread.getId()));
            return frame == null ? null : access.firstApplicationFrame(frame);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Every Python frame of another thread, innermost first (at most {@code max}), standard library included. */
    public static java.util.List<String> stackOfThread(Class<?> jythonClass, Thread thread, int max) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        Access access = ACCESS.get(jythonClass);
        if (access == null) {
            return lines;
        }
        try {
            Object frame = access.findItem.invoke(access.currentFrames.invoke(null), access.newInteger.invoke(null, thread.getId()));
            for (; frame != null && lines.size() < max; frame = access.fBack.get(frame)) {
                Object code = access.fCode.get(frame);
                if (code != null) {
                    lines.add(CallSite.python((String) access.coFilename.get(code), (Integer) access.getline.invoke(frame),
                            (String) access.coName.get(code)).toString());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // what was read so far
        }
        return lines;
    }

    /** The compiled-Python frames of a captured JVM stack as Python prints them (JVM lines), standard library included. */
    public static java.util.List<String> fromJavaStack(StackTraceElement[] stack, int max) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (StackTraceElement frame : stack) {
            if (lines.size() >= max) {
                break;
            }
            if (isCompiledPython(frame.getClassName()) && frame.getFileName() != null && frame.getLineNumber() >= 0) {
                String method = frame.getMethodName();
                int dollar = method.lastIndexOf('$');
                String function = method.equals("f$0") ? "<module>" : dollar > 0 ? method.substring(0, dollar) : method;
                lines.add(CallSite.python(frame.getFileName(), frame.getLineNumber(), function).toString());
            }
        }
        return lines;
    }

    /** The Python innermost application frame of a Jython {@code PyFrame}, following {@code f_back}. */
    public static CallSite fromFrame(Object frame) {
        if (frame == null) {
            return null;
        }
        Access access = ACCESS.get(frame.getClass());
        if (access == null) {
            return null;
        }
        try {
            return access.firstApplicationFrame(frame);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A frame of Jython-compiled code in a captured stack, as a Python call site (the line is the JVM's). */
    public static CallSite fromStackFrame(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file == null || isStandardLibrary(file, null)) {
            return null;
        }
        String method = frame.getMethodName();
        int dollar = method.lastIndexOf('$');
        String function = dollar > 0 ? method.substring(0, dollar) : method;
        if (method.equals("f$0")) {
            function = "<module>";
        }
        return CallSite.python(file, Math.max(frame.getLineNumber(), 0), function);
    }

    /**
     * Jython's standard library: modules loaded from the standalone jar ({@code .../jython.jar/Lib/x$py.class}) or from
     * {@code sys.prefix/Lib} (its {@code site-packages} are the application's).
     */
    static boolean isStandardLibrary(String path, String prefixLib) {
        if (path.contains(".jar/Lib/") || path.contains(".jar\\Lib\\")) {
            return true;
        }
        return prefixLib != null && path.startsWith(prefixLib) && !path.contains("site-packages");
    }

    /** The reflective handles on one Jython. */
    static final class Access {
        final Method getFrame;
        final Method currentFrames;
        final Method findItem;
        final Method newInteger;
        final Field fBack;
        final Field fCode;
        final Method getline;
        final Field coFilename;
        final Field coName;
        final String prefixLib;

        Access(ClassLoader loader) throws ReflectiveOperationException {
            Class<?> py = Class.forName("org.python.core.Py", false, loader);
            Class<?> pyFrame = Class.forName("org.python.core.PyFrame", false, loader);
            Class<?> baseCode = Class.forName("org.python.core.PyBaseCode", false, loader);
            Class<?> sys = Class.forName("org.python.core.PySystemState", false, loader);
            Class<?> pyObject = Class.forName("org.python.core.PyObject", false, loader);
            getFrame = py.getMethod("getFrame");
            currentFrames = sys.getMethod("_current_frames");
            // a dictionary's __finditem__(int) is the sequence protocol: look the key up as a Python int
            findItem = pyObject.getMethod("__finditem__", pyObject);
            newInteger = py.getMethod("newInteger", long.class);
            fBack = pyFrame.getField("f_back");
            fCode = pyFrame.getField("f_code");
            getline = pyFrame.getMethod("getline");
            coFilename = baseCode.getField("co_filename");
            coName = baseCode.getField("co_name");
            Object prefix = sys.getField("prefix").get(null);
            prefixLib = prefix == null ? null : prefix + "/Lib/";
        }

        CallSite firstApplicationFrame(Object frame) throws ReflectiveOperationException {
            for (int depth = 0; frame != null && depth < 1000; depth++) {
                Object code = fCode.get(frame);
                if (code != null) {
                    String file = (String) coFilename.get(code);
                    if (file != null && !isStandardLibrary(file, prefixLib)) {
                        return CallSite.python(file, (Integer) getline.invoke(frame), (String) coName.get(code));
                    }
                }
                frame = fBack.get(frame);
            }
            return null;
        }
    }
}
