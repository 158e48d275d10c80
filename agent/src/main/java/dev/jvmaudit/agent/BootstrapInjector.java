package dev.jvmaudit.agent;

import jdk.internal.access.JavaLangAccess;
import jdk.internal.access.SharedSecrets;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    static final String PACKAGE = "dev.jvmaudit.bootstrap.";
    /** The bridge's class files in one entry, written at build time by {@code src/build/BridgeArchive.java}. */
    static final String ARCHIVE = "META-INF/jvm-audit/bootstrap.bin";

    private BootstrapInjector() {
    }

    /** Reads the bridge straight from the agent jar (whose zip index the JVM already holds), not through class loaders. */
    static void inject(Instrumentation inst, Path agentJar) throws IOException {
        Map<String, byte[]> classes;
        try (ZipFile jar = new ZipFile(agentJar.toFile())) {
            classes = unpack(read(jar, ARCHIVE));
        }
        Map.Entry<String, byte[]> last = null;
        for (Map.Entry<String, byte[]> bridgeClass : classes.entrySet()) {
            last = bridgeClass;
        }
        if (definedInBootLoader(last.getKey())) {
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
        for (Map.Entry<String, byte[]> bridgeClass : classes.entrySet()) {
            javaLangAccess.defineClass(null, bridgeClass.getKey(), bridgeClass.getValue(), null, "jvm-audit");
        }
    }

    /**
     * The archive's class files by binary name, in its order; per class a u2 name length, the simple name, an s4
     * length, the class file.
     */
    static Map<String, byte[]> unpack(byte[] archive) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(archive);
        try {
            while (in.hasRemaining()) {
                byte[] simpleName = new byte[in.getShort()];
                in.get(simpleName);
                byte[] classFile = new byte[in.getInt()];
                in.get(classFile);
                classes.put(PACKAGE + new String(simpleName, StandardCharsets.US_ASCII), classFile);
            }
        } catch (RuntimeException e) { // a buffer underflow, a negative length: a catch type the JDK has loaded already
            throw new IOException(ARCHIVE + " is truncated after " + classes.size() + " classes");
        }
        if (classes.isEmpty()) {
            throw new IOException(ARCHIVE + " is empty");
        }
        return classes;
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
        byte[] bytes = new byte[(int) entry.getSize()]; // inflated straight into its array, not into growing buffers
        try (InputStream in = jar.getInputStream(entry)) {
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length || in.read() != -1) {
                throw new IOException(entryName + " is not as long as the jar's index says");
            }
        }
        return bytes;
    }
}
