package dev.jvmaudit.agent;

import jdk.internal.access.JavaLangAccess;
import jdk.internal.access.SharedSecrets;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Defines the bridge classes ({@code dev.jvmaudit.bootstrap}) in the boot loader, where advice inlined into
 * {@code java.*} can see them. Defining them directly, rather than appending a jar to the boot class path, keeps
 * class data sharing on and the JVM silent. The call into {@code JavaLangAccess} is compiled, not reflective: on JDK 18+
 * the first reflective call of a method spins method handles, tens of milliseconds of every start.
 */
final class BootstrapInjector {

    static final String PACKAGE_PATH = "dev/jvmaudit/bootstrap/";
    static final String CLASS_LIST = "META-INF/jvm-audit/bootstrap-classes";

    private BootstrapInjector() {
    }

    /** Reads the bridge straight from the agent jar (whose zip index the JVM already holds), not through class loaders. */
    static void inject(Instrumentation inst, Path agentJar) throws IOException {
        try (ZipFile jar = new ZipFile(agentJar.toFile())) {
            List<String> classes = classList(new String(read(jar, CLASS_LIST), StandardCharsets.UTF_8));
            if (definedInBootLoader(PACKAGE_PATH.replace('/', '.') + classes.get(classes.size() - 1))) {
                return; // an earlier attach of this JVM defined the whole bridge, the last class last
            }
            Module javaBase = Object.class.getModule();
            Module agent = BootstrapInjector.class.getModule();
            inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.access", Set.of(agent)), Map.of(), Set.of(),
                    Map.of());
            JavaLangAccess javaLangAccess = SharedSecrets.getJavaLangAccess();
            // the file rules read a new descriptor's attributes with the JDK's own fstat (file.Descriptors), and know
            // Files.createFile's options (file.FileRules); opened here, not by redefineModule, whose every non-empty
            // map costs a lambda spun at each start
            for (String opened : List.of("sun.nio.fs", "sun.nio.ch", "java.io", "java.nio.file")) {
                javaLangAccess.addOpens(javaBase, opened, agent);
            }
            for (String simpleName : classes) {
                String name = PACKAGE_PATH.replace('/', '.') + simpleName;
                javaLangAccess.defineClass(null, name, read(jar, PACKAGE_PATH + simpleName + ".class"), null, "jvm-audit");
            }
        }
    }

    /** The bridge's classes, listed at build time: scanning the jar's 5,000 entries would cost every start. */
    static List<String> classList(String listing) {
        List<String> names = new ArrayList<>();
        for (String line : listing.split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    private static boolean definedInBootLoader(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static byte[] read(ZipFile jar, String entryName) throws IOException {
        ZipEntry entry = jar.getEntry(entryName);
        if (entry == null) {
            throw new IOException(entryName + " is missing from the agent jar");
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
