package dev.jvmaudit.agent;

import dev.jvmaudit.agent.report.PrivateFiles;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The shaded libraries (logback, Micrometer) travel inside the agent jar as one nested jar, put on the
 * system class path the first time the agent needs one of them: the JVM reads the whole index of the
 * {@code -javaagent} jar at every start, theirs has 5,000 entries, and a warm start that finds nothing needs none.
 * The nested jar is copied once into the agent's private cache directory (a private temporary one without it), and
 * the copy is checked against the CRC the agent jar records for it each time it goes on the class path.
 * Copying uses {@code java.io} only: it may run inside a transformation, where a hooked class loaded for the first
 * time would never be woven.
 */
final class Libraries implements Runnable {

    static final String ENTRY = "META-INF/jvm-audit/lib.jar";

    /** Once per JVM: an attach after a detach finds them there already. */
    private static volatile boolean onClassPath;
    /** Held open so the class path shares its index rather than reading it a second time. */
    private static JarFile opened;

    private final Instrumentation inst;
    private final Path agentJar;
    private final Path cacheRoot;

    /** {@code cacheRoot}: the trusted root of the transform cache, or null to copy into a private temporary directory. */
    Libraries(Instrumentation inst, Path agentJar, Path cacheRoot) {
        this.inst = inst;
        this.agentJar = agentJar;
        this.cacheRoot = cacheRoot;
    }

    /** Puts the libraries on the class path unless they are there already; called before any use of them. */
    @Override
    public void run() {
        if (onClassPath) {
            return;
        }
        synchronized (Libraries.class) {
            if (onClassPath) {
                return;
            }
            try (ZipFile jar = new ZipFile(agentJar.toFile())) {
                ZipEntry entry = jar.getEntry(ENTRY);
                if (entry != null) { // a jar built without nesting has them among its own entries
                    opened = new JarFile(copy(jar, entry));
                    inst.appendToSystemClassLoaderSearch(opened);
                }
                onClassPath = true;
            } catch (IOException e) {
                throw new UncheckedIOException("the agent's libraries cannot be put on the class path", e);
            }
        }
    }

    /** The copy on the class path, or null before {@link #run} or when the agent jar nests nothing. */
    static File copyInUse() {
        synchronized (Libraries.class) {
            return opened == null ? null : new File(opened.getName());
        }
    }

    /** Whether a file name is one {@link #copy} makes: a copy ({@code lib-<crc>.jar}) or one being written. */
    static boolean isCopyName(String name) {
        return name.matches("lib-[0-9a-f]+\\.(jar|tmp)");
    }

    private File copy(ZipFile jar, ZipEntry entry) throws IOException {
        File dir = cacheRoot != null ? cacheRoot.toFile() : PrivateFiles.createTemporaryDirectory("jvm-audit-").toFile();
        File copy = new File(dir, "lib-" + Long.toHexString(entry.getCrc()) + ".jar");
        if (cacheRoot == null) { // no cache: weaving needed this copy before main, never first during shutdown
            dir.deleteOnExit(); // registered first, deleted last
            copy.deleteOnExit();
        }
        if (intact(copy, entry)) {
            return copy;
        }
        File temp = new File(dir, "lib-" + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            if (!temp.createNewFile() || !PrivateFiles.ownerOnly(temp)) {
                throw new IOException("cannot create " + temp + " readable by its owner only");
            }
            try (InputStream in = jar.getInputStream(entry); OutputStream out = new FileOutputStream(temp)) {
                in.transferTo(out);
            }
            if (!intact(temp, entry) || !temp.renameTo(copy)) {
                throw new IOException("cannot copy " + ENTRY + " of " + agentJar + " to " + copy);
            }
        } finally {
            temp.delete();
        }
        return copy;
    }

    /** Whether the file holds exactly the nested jar: its length and CRC-32 as the agent jar's index records them. */
    static boolean intact(File file, ZipEntry entry) throws IOException {
        if (!file.isFile() || file.length() != entry.getSize()) {
            return false;
        }
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new FileInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue() == entry.getCrc();
    }
}
