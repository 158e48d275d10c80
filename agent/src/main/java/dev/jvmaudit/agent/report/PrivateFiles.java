package dev.jvmaudit.agent.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The agent's own files and directories: owner-only, whatever the umask, and never through a symbolic link. */
public final class PrivateFiles {

    /** Not {@code PosixFilePermissions.fromString}: its EnumSet reads the enum's constants reflectively (slow on JDK 18+). */
    private static final Set<PosixFilePermission> OWNER_FILE = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);

    private PrivateFiles() {
    }

    /** Creates the directory and its missing parents 0700. */
    public static void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
            }
        }
    }

    /**
     * Creates a new directory 0700 under {@code java.io.tmpdir}, never one that already existed. Not
     * {@code Files.createTempDirectory}: its random names set up {@code SecureRandom}, and this may run inside a
     * transformation during {@code premain}.
     */
    public static Path createTemporaryDirectory(String prefix) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (int attempt = 0; ; attempt++) {
            Path dir = tmp.resolve(prefix + Long.toHexString(System.nanoTime()));
            try {
                return Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
    }

    /** Makes an existing file 0600 with {@code java.io} alone; false when any step failed. */
    public static boolean ownerOnly(File file) {
        return file.setReadable(false, false) && file.setWritable(false, false)
                && file.setReadable(true, true) && file.setWritable(true, true);
    }

    /**
     * Creates the file 0600 (parents 0700), or makes an existing one 0600; refuses a symbolic link, which another
     * user may have planted where the file was expected.
     */
    public static void createFile(Path file) throws IOException {
        if (file.getParent() != null) {
            createDirectories(file.getParent());
        }
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link");
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        } catch (UnsupportedOperationException notPosix) {
            Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND).close();
        }
    }
}
