package dev.jvmaudit.agent;

import dev.jvmaudit.agent.config.Environment;
import dev.jvmaudit.agent.report.PrivateFiles;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Transformed class bytes kept on disk so later starts never weave. Entries are keyed by the agent
 * build, the JVM build, the advice applied and, for classes not of the JDK, the original bytes (a JDK class is fixed
 * by the JVM build, and its bytes differ between a first load and a retransformation); each holds a checksum of its
 * content, checked on every read. The cached bytes go into {@code java.base}, so the directory must be the user's own
 * and writable by no one else; anything off and the class is simply transformed again. Checksums, not digests: the
 * directory is private, and the JDK's message digests cost fifty classes at every start.
 */
final class TransformCache {

    private static final int HEADER_LENGTH = 8;

    private final File dir;

    private TransformCache(Path dir) {
        this.dir = dir.toFile();
    }

    /** The cache for this agent jar on this JVM, or null when it is off or its directory cannot be trusted. */
    static TransformCache open(Path root, Path agentJar) {
        try {
            String build = agentJar.toAbsolutePath() + "|" + Files.size(agentJar) + "|" + Files.getLastModifiedTime(agentJar).toMillis()
                    + "|" + System.getProperty("java.vm.vendor") + "|" + System.getProperty("java.vm.version")
                    + "|" + System.getProperty("java.home");
            Path dir = root.resolve(key(build.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            createPrivate(root);
            createPrivate(dir);
            return trusted(root) && trusted(dir) ? new TransformCache(dir) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The default root: {@code $XDG_CACHE_HOME/jvm-audit}, else {@code ~/.cache/jvm-audit}. */
    static Path defaultRoot() {
        String xdg = Environment.variables().get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvm-audit");
    }

    private static void createPrivate(Path dir) throws IOException {
        try {
            PrivateFiles.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another JVM created it first; trusted() judges it
        }
    }

    /**
     * The user's own directory, writable by no one else. Read through the "unix" view, as a number: the posix view's
     * permission set is an EnumSet on JDK 25, which costs every start a reflective call.
     */
    private static boolean trusted(Path dir) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(dir, "unix:mode,owner,isDirectory", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        return (Boolean) attributes.get("isDirectory")
                && ((UserPrincipal) attributes.get("owner")).getName().equals(System.getProperty("user.name"))
                && (mode & 0022) == 0;
    }

    /** What another agent build or JVM left in the root is removed once nobody has used it for this long. */
    static final long UNUSED_FOR_MILLIS = 30L * 24 * 60 * 60 * 1000;
    private static final long MARKED_FOR_MILLIS = 24L * 60 * 60 * 1000;
    /** Bounded work for a background thread of a service that may be starting. */
    private static final int MAX_REMOVALS = 200;

    /**
     * Marks this build's directory and the libraries' copy {@code inUse} as used, and removes from the root what
     * has not been used for {@link #UNUSED_FOR_MILLIS}: the directories of other agent builds or JVMs (every upgrade
     * leaves one) and other copies of the libraries (7 MB each). Only names the agent makes, only the root's entries
     * and the files directly in them, a link removed and never followed: a root shared with other programs loses
     * nothing of theirs. Best effort: what cannot be removed stays.
     */
    void prune(File inUse) {
        long now = System.currentTimeMillis();
        markUsed(dir, now);
        if (inUse != null) {
            markUsed(inUse, now);
        }
        File[] entries = dir.getParentFile().listFiles();
        int removals = 0;
        for (File entry : entries == null ? new File[0] : entries) {
            if (removals >= MAX_REMOVALS) {
                return;
            }
            String name = entry.getName();
            if (entry.equals(dir) || entry.equals(inUse) || now - entry.lastModified() < UNUSED_FOR_MILLIS) {
                continue;
            }
            if (Libraries.isCopyName(name) && entry.delete()) {
                removals++;
            } else if (name.matches("[0-9a-f]{16}") && Files.isDirectory(entry.toPath(), LinkOption.NOFOLLOW_LINKS)) {
                File[] files = entry.listFiles();
                for (File file : files == null ? new File[0] : files) {
                    if (file.getName().matches(".+-[0-9a-f]{16,32}\\.class|entry-[0-9a-f]+\\.tmp") && file.delete()) {
                        removals++;
                    }
                }
                entry.delete(); // only if nothing else was in it
            }
        }
    }

    /** At most once a day: most starts write nothing into the cache (it may sit on a read-only image layer). */
    private static void markUsed(File file, long now) {
        if (now - file.lastModified() > MARKED_FOR_MILLIS) {
            file.setLastModified(now);
        }
    }

    /** The cached transformation of this class with this advice, or null. */
    byte[] get(String internalName, String advice, byte[] original, boolean jdkClass) {
        byte[] stored;
        try (FileInputStream in = new FileInputStream(entry(internalName, advice, original, jdkClass))) {
            stored = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (stored.length <= HEADER_LENGTH) {
            return null;
        }
        byte[] content = Arrays.copyOfRange(stored, HEADER_LENGTH, stored.length);
        return Arrays.equals(header(content), Arrays.copyOf(stored, HEADER_LENGTH)) ? content : null;
    }

    /** The directory that holds the caches of every agent jar and JVM: private, like each of them. */
    Path root() {
        return dir.toPath().getParent();
    }

    /** Where the entries of this agent jar on this JVM are. */
    Path directory() {
        return dir.toPath();
    }

    /**
     * Stores the transformation; false when it could not be written. Only {@code java.io}, which the JVM loads before
     * any agent: a hooked class first loaded inside a transformation (a file channel, say) would never be woven.
     */
    boolean put(String internalName, String advice, byte[] original, boolean jdkClass, byte[] transformed) {
        File temp = new File(dir, "entry-" + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            if (!temp.createNewFile() || !PrivateFiles.ownerOnly(temp)) { // 0600 before a byte is written
                temp.delete();
                return false;
            }
            try (FileOutputStream out = new FileOutputStream(temp)) {
                out.write(header(transformed));
                out.write(transformed);
            }
            if (temp.renameTo(entry(internalName, advice, original, jdkClass))) {
                return true;
            }
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs the next start some time
        }
        temp.delete();
        return false;
    }

    private File entry(String internalName, String advice, byte[] original, boolean jdkClass) {
        byte[] name = (internalName + '|' + advice).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String key = jdkClass ? key(name) : key(name) + key(original);
        return new File(dir, internalName.replace('/', '.') + "-" + key + ".class");
    }

    /**
     * 64 bits from two independent checksums, as 16 hex digits: CRC-32 (native) and the array hash. Not CRC32C,
     * whose tables are computed in the interpreter when first used, nor Adler32, one more class to load at every start.
     */
    private static String key(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return hex8(crc.getValue()) + hex8(Arrays.hashCode(bytes) & 0xFFFFFFFFL);
    }

    private static String hex8(long value) {
        String digits = Long.toHexString(value);
        return "00000000".substring(digits.length()) + digits;
    }

    /** The entry's header: the content's CRC-32 and length. */
    private static byte[] header(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return ByteBuffer.allocate(HEADER_LENGTH).putInt((int) crc.getValue()).putInt(content.length).array();
    }
}
