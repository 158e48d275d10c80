package dev.jvmaudit.agent;

import jdk.internal.access.JavaLangAccess;
import jdk.internal.access.SharedSecrets;

import java.lang.invoke.MethodHandles;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one class that uses what {@link BootstrapInjector} exports and opens in {@code java.base}. A class loader of its
 * own defines it, so those grants reach its unnamed module alone: the application's classes, in the class path's
 * module beside the rest of the agent, see {@code java.base} exactly as they would without the agent. Its bytes are
 * read from the agent jar by BootstrapInjector; the class path's loader never defines it.
 */
public final class IsolatedJavaBaseAccess implements JavaBaseAccess {

    /** The packages {@code file.Descriptors} and {@code file.FileRules} read in (the JDK's fstat, Files' options). */
    private static final List<String> OPENED = List.of("sun.nio.fs", "sun.nio.ch", "java.io", "java.nio.file");

    static {
        // handed to the loader that defined it: a reflective constructor call would spin method handles at every start
        @SuppressWarnings("unchecked")
        Consumer<JavaBaseAccess> definedBy = (Consumer<JavaBaseAccess>) IsolatedJavaBaseAccess.class.getClassLoader();
        definedBy.accept(new IsolatedJavaBaseAccess());
    }

    private final JavaLangAccess javaLang = SharedSecrets.getJavaLangAccess();

    /** Opens its packages to itself through JavaLangAccess: redefineModule would spin a lambda for them at each start. */
    private IsolatedJavaBaseAccess() {
        for (String opened : OPENED) {
            javaLang.addOpens(Object.class.getModule(), opened, IsolatedJavaBaseAccess.class.getModule());
        }
    }

    @Override
    public void defineClass(ClassLoader loader, String name, byte[] classFile, ProtectionDomain domain, String source) {
        javaLang.defineClass(loader, name, classFile, domain, source);
    }

    @Override
    public MethodHandles.Lookup privateLookupIn(Class<?> target) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(target, MethodHandles.lookup());
    }
}
