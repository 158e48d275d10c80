package dev.jvmaudit.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Defines classes straight from archives in the agent jar, before any class loader would look for them: the bridge
 * ({@code dev.jvmaudit.bootstrap}) in the boot loader, where advice inlined into {@code java.*} can see it, and, at a
 * {@code -javaagent} start, the agent's own start path in the agent's loader, which would otherwise find, read and
 * define each of those classes through its class path in the interpreter. Defining the bridge directly, rather than
 * appending a jar to the boot class path, keeps class data sharing on and the JVM silent. It does so through
 * {@link IsolatedJavaBaseAccess}, defined by a loader of its own: {@code jdk.internal.access} is exported, and the
 * packages the file rules read are opened, to that class's module alone, never to the class path's, which is the
 * application's. The calls into {@code JavaLangAccess} are compiled, not reflective: on JDK 18+ the first reflective
 * call of a method spins method handles, tens of milliseconds of every start. An instance is that class's loader (one
 * class fewer to load through the class path at every start).
 */
final class BootstrapInjector extends ClassLoader implements Consumer<JavaBaseAccess> {

    /** The bridge's class files in one entry, written at build time by {@code src/build/ClassArchive.java}. */
    static final String BRIDGE = "META-INF/jvm-audit/bootstrap.bin";
    /** The agent's classes a warm start loads after the bridge, in the order it loads them; the same format. */
    static final String START_PATH = "META-INF/jvm-audit/start.bin";
    private static final String START_PATH_SOURCE = "jvm-audit-start";
    private static final String ACCESS = "dev.jvmaudit.agent.IsolatedJavaBaseAccess";

    /** Kept for a later attach of the same JVM, which finds the bridge and the grants already made. */
    private static JavaBaseAccess granted;

    private JavaBaseAccess initialized;

    private BootstrapInjector(ClassLoader parent) {
        super("jvm-audit-java-base", parent);
    }

    /**
     * Reads the archives straight from the agent jar (whose zip index the JVM already holds), not through class loaders.
     * The start path is defined only at a {@code -javaagent} start: an attach may follow a detach that left those
     * classes loaded.
     */
    static synchronized JavaBaseAccess inject(Instrumentation inst, Path agentJar, boolean withStartPath)
            throws IOException, ClassNotFoundException {
        if (granted != null) {
            return granted; // an earlier attach of this JVM made the grants and defined the bridge
        }
        Map<String, byte[]> bridge;
        Map<String, byte[]> startPath;
        byte[] access;
        try (ZipFile jar = new ZipFile(agentJar.toFile())) {
            bridge = unpack(BRIDGE, read(jar, BRIDGE));
            startPath = withStartPath ? unpack(START_PATH, read(jar, START_PATH)) : Map.of();
            access = read(jar, ACCESS.replace('.', '/') + ".class");
        }
        ClassLoader agentLoader = BootstrapInjector.class.getClassLoader();
        ProtectionDomain agentDomain = BootstrapInjector.class.getProtectionDomain();
        BootstrapInjector accessLoader = new BootstrapInjector(agentLoader);
        Module accessModule = accessLoader.define(access, agentDomain).getModule();
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.access", Set.of(accessModule)), Map.of(),
                Set.of(), Map.of());
        Class.forName(ACCESS, true, accessLoader);
        JavaBaseAccess javaBaseAccess = accessLoader.initialized;
        for (Map.Entry<String, byte[]> bridgeClass : bridge.entrySet()) {
            javaBaseAccess.defineClass(null, bridgeClass.getKey(), bridgeClass.getValue(), null, "jvm-audit");
        }
        for (Map.Entry<String, byte[]> startClass : startPath.entrySet()) {
            try {
                javaBaseAccess.defineClass(agentLoader, startClass.getKey(), startClass.getValue(), agentDomain,
                        START_PATH_SOURCE);
            } catch (LinkageError notDefined) {
                // loaded already, or not definable here: the class path loads it when it is first used, as before
            }
        }
        granted = javaBaseAccess;
        return javaBaseAccess;
    }

    private Class<?> define(byte[] classFile, ProtectionDomain domain) {
        return defineClass(ACCESS, classFile, 0, classFile.length, domain);
    }

    /** Takes the instance {@link IsolatedJavaBaseAccess} makes of itself as it is initialized. */
    @Override
    public void accept(JavaBaseAccess access) {
        initialized = access;
    }

    /**
     * An archive's class files by binary name, in its order; per class a u2 name length, the binary name, an s4
     * length, the class file.
     */
    static Map<String, byte[]> unpack(String archiveName, byte[] archive) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(archive);
        try {
            while (in.hasRemaining()) {
                byte[] name = new byte[in.getShort()];
                in.get(name);
                byte[] classFile = new byte[in.getInt()];
                in.get(classFile);
                classes.put(new String(name, StandardCharsets.US_ASCII), classFile);
            }
        } catch (RuntimeException e) { // a buffer underflow, a negative length: a catch type the JDK has loaded already
            throw new IOException(archiveName + " is truncated after " + classes.size() + " classes");
        }
        if (classes.isEmpty()) {
            throw new IOException(archiveName + " is empty");
        }
        return classes;
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
