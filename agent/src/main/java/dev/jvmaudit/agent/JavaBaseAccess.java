package dev.jvmaudit.agent;

import java.lang.invoke.MethodHandles;
import java.security.ProtectionDomain;

/**
 * What the agent, and only the agent, may do inside {@code java.base}: define its classes where no class loader would
 * look for them, and read the JDK's own {@code fstat} and {@code Files}' option set. Implemented by
 * {@link IsolatedJavaBaseAccess}, whose module alone {@link BootstrapInjector} exports and opens {@code java.base}'s
 * packages to.
 */
public interface JavaBaseAccess {

    /** {@code JavaLangAccess.defineClass}: {@code loader} null for the boot loader. */
    void defineClass(ClassLoader loader, String name, byte[] classFile, ProtectionDomain domain, String source);

    /** A lookup with private access to {@code target}, a class of a package of {@code java.base} opened to it. */
    MethodHandles.Lookup privateLookupIn(Class<?> target) throws IllegalAccessException;
}
