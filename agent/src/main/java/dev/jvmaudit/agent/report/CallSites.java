package dev.jvmaudit.agent.report;

import java.lang.StackWalker.StackFrame;
import java.util.List;
import java.util.Optional;

/**
 * Finds the first application frame: the first frame outside the JDK, the agent and the libraries whose
 * calls the agent instruments (HTTP clients, logging).
 */
public final class CallSites {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** Library packages whose frames stand for the application's call into them, not for the application. */
    private static final List<String> LIBRARY_PREFIXES = List.of(
            "dev.jvmaudit.agent.", "dev.jvmaudit.bootstrap.",
            "org.apache.hc.", "okhttp3.", "okio.", "kotlin.", "kotlinx.",
            "ch.qos.logback.", "org.slf4j.", "org.apache.logging.", "org.apache.commons.logging.");

    private CallSites() {
    }

    /** The first application frame of the current thread's stack, or null when the JDK or the agent acts alone. */
    public static CallSite current() {
        Optional<StackFrame> frame = WALKER.walk(frames -> frames.filter(CallSites::isApplication).findFirst());
        return frame.map(f -> new CallSite(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
                .orElse(null);
    }

    /** The first application frame of a captured stack (lambda proxies, which have no source line, skipped), or null. */
    public static CallSite first(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (isApplicationClassName(frame.getClassName()) && !isJdkModule(frame.getModuleName())
                    && !frame.getClassName().contains("$$Lambda")) {
                return CallSite.of(frame);
            }
        }
        return null;
    }

    static boolean isApplication(StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == PLATFORM) {
            return false;
        }
        Module module = type.getModule();
        if (module.isNamed() && isJdkModule(module.getName())) {
            return false;
        }
        return isApplicationClassName(type.getName());
    }

    static boolean isApplicationClassName(String className) {
        if (className.startsWith("java.") || className.startsWith("javax.")) {
            return false;
        }
        for (String prefix : LIBRARY_PREFIXES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJdkModule(String module) {
        return module != null && (module.startsWith("java.") || module.startsWith("jdk."));
    }
}
