package dev.jvmaudit.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defines the bridge classes ({@code dev.jvmaudit.bootstrap}) in the boot loader, where advice inlined into
 * {@code java.*} can see them. Defining them directly, rather than appending a jar to the boot class path, keeps
 * class data sharing on and the JVM silent.
 */
final class BootstrapInjector {

    static final String PACKAGE_PATH = "dev/jvmaudit/bootstrap/";
    static final String CLASS_LIST = "META-INF/jvm-audit/bootstrap-classes";

    private BootstrapInjector() {
    }

    static void inject(Instrumentation inst) throws Exception {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.access", Set.of(BootstrapInjector.class.getModule())),
                Map.of(), Set.of(), Map.of());
        Object javaLangAccess = Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangAccess").invoke(null);
        Method define = Class.forName("jdk.internal.access.JavaLangAccess").getMethod("defineClass",
                ClassLoader.class, String.class, byte[].class, ProtectionDomain.class, String.class);
        ClassLoader agentLoader = BootstrapInjector.class.getClassLoader();
        for (String simpleName : classList(agentLoader)) {
            String name = PACKAGE_PATH.replace('/', '.') + simpleName;
            if (!definedInBootLoader(name)) {
                define.invoke(javaLangAccess, null, name, read(agentLoader, PACKAGE_PATH + simpleName + ".class"), null, "jvm-audit");
            }
        }
    }

    /** The bridge's classes, listed at build time: scanning the jar's 5,000 entries would cost every start. */
    static List<String> classList(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                throw new IOException(CLASS_LIST + " is missing from the agent jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static boolean definedInBootLoader(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static byte[] read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }
}
