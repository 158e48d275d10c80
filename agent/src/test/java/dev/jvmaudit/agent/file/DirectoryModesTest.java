package dev.jvmaudit.agent.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryModesTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheFilesDirectlyInAWorldWritableDirectoryAreInIt() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path own = Files.createDirectory(shared.resolve("own"));
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
        DirectoryModes modes = new DirectoryModes();

        assertTrue(modes.isWorldWritableParent(shared + "/a.txt"));
        assertTrue(modes.isWorldWritableParent(shared + "/b.txt"), "the same directory, answered in place");
        assertFalse(modes.isWorldWritableParent(own + "/c.txt"), "a private directory below a shared one");
        assertTrue(modes.isWorldWritableParent(shared + "/d.txt"));
        assertFalse(modes.isWorldWritableParent(shared + "x/e.txt"), "a sibling whose name starts the same");
        assertFalse(modes.isWorldWritableParent(dir + "/f.txt"));
        assertFalse(modes.isWorldWritableParent("/"), "the root has no directory");
        assertFalse(modes.isWorldWritableParent("/etc"), "the root is not world-writable");
        assertFalse(modes.isWorldWritableParent("/etc"), "asked again, in place");
    }
}
