package dev.jvmaudit.demo.keepalived;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PidFileTest {

    @Test
    void holdsTheLockWithThePidUntilReleased(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("monitor.pid");
        PidFile pidFile = PidFile.lock(path);
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(path));
        try (FileChannel other = FileChannel.open(path, StandardOpenOption.WRITE)) {
            // within one JVM a second lock on the same file is refused this way
            assertThrows(OverlappingFileLockException.class, other::tryLock);
        }
        pidFile.release();
        assertFalse(Files.exists(path));
    }

    @Test
    void aSecondMonitorIsRefusedWithTheFileNamed(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("monitor.pid");
        PidFile first = PidFile.lock(path);
        try {
            IOException refused = assertThrows(IOException.class, () -> PidFile.lock(path));
            assertEquals("another monitor holds the lock on " + path, refused.getMessage());
        } finally {
            first.release();
        }
    }

    @Test
    void canBeTakenAgainOnceReleased(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("monitor.pid");
        PidFile.lock(path).release();
        PidFile.lock(path).release();
        assertFalse(Files.exists(path));
    }
}
