package dev.jvmaudit.agent.report;

import java.util.List;

/**
 * Which classes are the application's: not the JDK's, the agent's, nor those of the libraries whose calls the agent
 * instruments (HTTP clients, logging), whose frames stand for the application's call into them. Kept apart from
 * {@link CallSites}, whose stack walker waits for a first capture: the transformer asks this of every class loaded.
 */
public final class ApplicationClasses {

    private static final List<String> LIBRARY_PREFIXES = List.of(
            "dev.jvmaudit.agent.", "dev.jvmaudit.bootstrap.",
            "org.apache.hc.", "okhttp3.", "okio.", "kotlin.", "kotlinx.",
            "ch.qos.logback.", "org.slf4j.", "org.apache.logging.", "org.apache.commons.logging.");

    private ApplicationClasses() {
    }

    public static boolean isApplicationClassName(String className) {
        // jdk.internal.reflect: JDK 17's generated accessors, which a StackWalker skips as reflection frames
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.internal.reflect.")) {
            return false;
        }
        for (String prefix : LIBRARY_PREFIXES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    static boolean isJdkModule(String module) {
        return module != null && (module.startsWith("java.") || module.startsWith("jdk."));
    }
}
