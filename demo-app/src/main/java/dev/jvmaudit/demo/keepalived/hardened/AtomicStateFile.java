package dev.jvmaudit.demo.keepalived.hardened;

import dev.jvmaudit.demo.keepalived.RouterState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * {@code <conf-dir>/state} replaced atomically: the new content goes to an owner-only temporary file beside it,
 * reaches the disk, then is renamed over the old one, so a reader sees the old state or the new one, never a
 * truncated file, and no other user can write it.
 */
public final class AtomicStateFile {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path path;

    public AtomicStateFile(Path path) {
        this.path = path;
    }

    public void write(RouterState state) throws IOException {
        // same directory as the target: a rename is only atomic within one file system
        Path temp = Files.createTempFile(path.getParent(), path.getFileName() + ".", ".tmp", OWNER_ONLY);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(state.wire().getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
