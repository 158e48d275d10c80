package dev.jvmaudit.demo.keepalived;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The daemon's pid file, exclusively locked so that a second monitor for the same router refuses to start. */
public final class PidFile {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private PidFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the pid file and writes this process's pid into it; the lock lives as long as the channel. */
    public static PidFile lock(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this very JVM: refused like a lock held by another process
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another monitor holds the lock on " + path);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        return new PidFile(path, channel, lock);
    }

    /** Gives the lock up, closes the file and removes it. */
    public void release() throws IOException {
        lock.release();
        channel.close();
        Files.deleteIfExists(path);
    }
}
