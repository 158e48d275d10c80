package dev.jvmaudit.demo.keepalived.hardened;

import dev.jvmaudit.demo.keepalived.RouterState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AtomicStateFileTest {

    @Test
    void writesTheStateOwnerOnly(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        new AtomicStateFile(state).write(RouterState.PRIMARY);
        assertEquals("primary", Files.readString(state));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
    }

    @Test
    void replacesAPermissiveOldFileWithAnOwnerOnlyOne(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        Files.writeString(state, "backup");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-rw-rw-"));
        new AtomicStateFile(state).write(RouterState.PRIMARY);
        assertEquals("primary", Files.readString(state));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
    }

    @Test
    void replacesTheFileInsteadOfTruncatingIt(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        AtomicStateFile file = new AtomicStateFile(state);
        file.write(RouterState.BACKUP);
        Object before = Files.readAttributes(state, "unix:ino").get("ino");
        // a reader that opened the old file keeps reading the whole old state: it is never truncated under it
        try (FileChannel reader = FileChannel.open(state, StandardOpenOption.READ)) {
            file.write(RouterState.PRIMARY);
            ByteBuffer content = ByteBuffer.allocate(16);
            reader.read(content);
            assertEquals("backup", new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII));
        }
        assertNotEquals(before, Files.readAttributes(state, "unix:ino").get("ino"));
        assertEquals("primary", Files.readString(state));
    }

    @Test
    void leavesNoTemporaryFileBehind(@TempDir Path dir) throws Exception {
        AtomicStateFile file = new AtomicStateFile(dir.resolve("state"));
        for (int i = 0; i < 5; i++) {
            file.write(i % 2 == 0 ? RouterState.PRIMARY : RouterState.BACKUP);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("state")), files.toList());
        }
    }
}
