package dev.jvmaudit.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the bridge classes ({@code dev.jvmaudit.bootstrap}) in the boot loader, where advice inlined into
 * {@code java.*} can see them. Defining them directly, rather than appending a jar to the boot class path, keeps
 * class data sharing on and the JVM silent.
 */
final class BootstrapInjector {

    static final String PACKAGE_PATH = "dev/jvmaudit/bootstrap/";

    private BootstrapInjector() {
    }

    static void inject(Instrumentation inst, Path agentJar) throws Exception {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.access", Set.of(BootstrapInjector.class.getModule())),
                Map.of(), Set.of(), Map.of());
        Object javaLangAccess = Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangAccess").invoke(null);
        Method define = Class.forName("jdk.internal.access.JavaLangAccess").getMethod("defineClass",
                ClassLoader.class, String.class, byte[].class, ProtectionDomain.class, String.class);
        try (JarFile jar = new JarFile(agentJar.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String path = entry.getName();
                if (!path.startsWith(PACKAGE_PATH) || !path.endsWith(".class")) {
                    continue;
                }
                String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
                if (definedInBootLoader(name)) {
                    continue;
                }
                define.invoke(javaLangAccess, null, name, read(jar, entry), null, "jvm-audit");
            }
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

    private static byte[] read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
