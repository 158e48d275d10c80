package dev.jvmaudit.agent;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * Transformed class bytes kept on disk so later starts skip Byte Buddy entirely. Entries are keyed by the agent
 * build, the JVM build and the SHA-256 of the advice applied and of the original class bytes; each holds the SHA-256 of its content, checked on
 * every read. The cached bytes go into {@code java.base}, so the directory must be the user's own and writable by no
 * one else; anything off and the class is simply transformed again.
 */
final class TransformCache {

    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final int DIGEST_LENGTH = 32;

    private final Path dir;

    private TransformCache(Path dir) {
        this.dir = dir;
    }

    /** The cache for this agent jar on this JVM, or null when it is off or its directory cannot be trusted. */
    static TransformCache open(Path root, Path agentJar) {
        try {
            String build = agentJar.toAbsolutePath() + "|" + Files.size(agentJar) + "|" + Files.getLastModifiedTime(agentJar).toMillis()
                    + "|" + System.getProperty("java.vm.vendor") + "|" + System.getProperty("java.vm.version")
                    + "|" + System.getProperty("java.home");
            Path dir = root.resolve(hex(sha256(build.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 24));
            createPrivate(root);
            createPrivate(dir);
            return trusted(root) && trusted(dir) ? new TransformCache(dir) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The default root: {@code $XDG_CACHE_HOME/jvm-audit}, else {@code ~/.cache/jvm-audit}. */
    static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvm-audit");
    }

    private static void createPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another JVM created it first; trusted() judges it
            }
        }
    }

    private static boolean trusted(Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = attributes.permissions();
        return attributes.isDirectory()
                && attributes.owner().getName().equals(System.getProperty("user.name"))
                && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /** The cached transformation of these original bytes with this advice, or null. */
    byte[] get(String internalName, String advice, byte[] original) {
        try {
            Path entry = entry(internalName, advice, original);
            if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            byte[] stored = Files.readAllBytes(entry);
            if (stored.length <= DIGEST_LENGTH) {
                return null;
            }
            byte[] content = Arrays.copyOfRange(stored, DIGEST_LENGTH, stored.length);
            return Arrays.equals(sha256(content), Arrays.copyOf(stored, DIGEST_LENGTH)) ? content : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void put(String internalName, String advice, byte[] original, byte[] transformed) {
        try {
            Path entry = entry(internalName, advice, original);
            Path temp = Files.createTempFile(dir, "entry", ".tmp", PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
            byte[] stored = new byte[DIGEST_LENGTH + transformed.length];
            System.arraycopy(sha256(transformed), 0, stored, 0, DIGEST_LENGTH);
            System.arraycopy(transformed, 0, stored, DIGEST_LENGTH, transformed.length);
            Files.write(temp, stored);
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs the next start some time
        }
    }

    private Path entry(String internalName, String advice, byte[] original) {
        MessageDigest digest = sha256();
        digest.update(advice.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update(original);
        return dir.resolve(internalName.replace('/', '.') + "-" + hex(digest.digest()).substring(0, 32) + ".class");
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
