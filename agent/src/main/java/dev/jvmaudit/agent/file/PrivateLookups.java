package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.JavaBaseAccess;

import java.lang.invoke.MethodHandles;

/** Private lookups into the JDK's file classes, through the agent's own access to {@code java.base}. */
final class PrivateLookups {

    /** Set as the family starts, before any file is opened; read once, by the first open. */
    private static volatile JavaBaseAccess javaBase;

    private PrivateLookups() {
    }

    static void grantedBy(JavaBaseAccess access) {
        javaBase = access;
    }

    static MethodHandles.Lookup in(Class<?> target) throws IllegalAccessException {
        JavaBaseAccess access = javaBase;
        if (access == null) {
            throw new IllegalAccessException("the file family has not started");
        }
        return access.privateLookupIn(target);
    }
}
