package dev.jvmaudit.agent.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class DescriptorsTest {

    @TempDir
    Path dir;

    @Test
    void eachKindOfHandleIsReadThroughItsDescriptor() throws Exception {
        Path file = dir.resolve("a.dat");
        try (FileOutputStream stream = new FileOutputStream(file.toFile());
             RandomAccessFile random = new RandomAccessFile(file.toFile(), "rw");
             FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            Object key = Files.readAttributes(file, PosixFileAttributes.class).fileKey();
            for (Object handle : new Object[] {stream, random, channel, stream.getChannel()}) {
                PosixFileAttributes read = Descriptors.attributes(handle);
                assertNotNull(read, handle.getClass().getName());
                assertEquals(key, read.fileKey(), handle.getClass().getName());
                assertEquals(key, Descriptors.identity(handle), "the identity alone, " + handle.getClass().getName());
            }
        }
    }

    @Test
    void theFileOpenedIsReadEvenWhenItsPathNowLeadsElsewhere() throws Exception {
        Path file = dir.resolve("state");
        try (FileOutputStream stream = new FileOutputStream(file.toFile())) {
            Object opened = Files.readAttributes(file, PosixFileAttributes.class).fileKey();
            Files.move(file, dir.resolve("moved"));
            Files.writeString(file, "another file at the same path");

            assertEquals(opened, Descriptors.attributes(stream).fileKey());
            assertEquals(opened, Descriptors.identity(stream));
        }
    }

    @Test
    void permissionBitsAreTheModesBitsByEitherWay() throws Exception {
        for (String mode : new String[] {"rw-------", "rw-r--r--", "rwxrw--w-", "---------", "rwxrwxrwx"}) {
            Path file = Files.createFile(dir.resolve("f" + mode.hashCode()));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            PosixFileAttributes byPath = Files.readAttributes(file, PosixFileAttributes.class);
            int expected = Modes.of(PosixFilePermissions.fromString(mode));
            assertEquals(expected, Descriptors.permissionBits(byPath), mode);
            try (RandomAccessFile open = new RandomAccessFile(file.toFile(), "r")) {
                assertEquals(expected, Descriptors.permissionBits(Descriptors.attributes(open)), mode);
            }
        }
    }

    @Test
    void otherHandlesAndClosedOnesAreLeftToThePath() throws Exception {
        Path file = dir.resolve("b.dat");
        try (AsynchronousFileChannel async = AsynchronousFileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertNull(Descriptors.attributes(async));
            assertNull(Descriptors.identity(async));
        }
        FileOutputStream closed = new FileOutputStream(file.toFile());
        closed.close();
        assertNull(Descriptors.attributes(closed));
        assertNull(Descriptors.identity(closed));
        assertNull(Descriptors.attributes("not a handle"));
        assertNull(Descriptors.identity("not a handle"));
        assertNull(Descriptors.attributes(null));
        assertNull(Descriptors.identity(null));
    }
}
