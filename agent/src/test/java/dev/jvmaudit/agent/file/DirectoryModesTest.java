package dev.jvmaudit.agent.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryModesTest {

    private static final long NOW = System.currentTimeMillis();

    @TempDir
    Path dir;

    @Test
    void onlyTheFilesDirectlyInAWorldWritableDirectoryAreInIt() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path own = Files.createDirectory(shared.resolve("own"));
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
        DirectoryModes modes = new DirectoryModes();

        assertTrue(modes.isWorldWritableParent(shared + "/a.txt", NOW));
        assertTrue(modes.isWorldWritableParent(shared + "/b.txt", NOW), "the same directory, answered in place");
        assertFalse(modes.isWorldWritableParent(own + "/c.txt", NOW), "a private directory below a shared one");
        assertTrue(modes.isWorldWritableParent(shared + "/d.txt", NOW));
        assertFalse(modes.isWorldWritableParent(shared + "x/e.txt", NOW), "a sibling whose name starts the same");
        assertFalse(modes.isWorldWritableParent(dir + "/f.txt", NOW));
        assertFalse(modes.isWorldWritableParent("/", NOW), "the root has no directory");
        assertFalse(modes.isWorldWritableParent("/etc", NOW), "the root is not world-writable");
        assertFalse(modes.isWorldWritableParent("/etc", NOW), "asked again, in place");
    }

    @Test
    void aVerdictIsKeptFiveSecondsAndNotAcrossAClockSetBack() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        DirectoryModes modes = new DirectoryModes();
        assertTrue(modes.isWorldWritableParent(shared + "/a.txt", NOW));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwx------"));
        assertTrue(modes.isWorldWritableParent(shared + "/a.txt", NOW + 4_999), "remembered");
        assertFalse(modes.isWorldWritableParent(shared + "/a.txt", NOW + 5_000), "read again after 5 s");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertTrue(modes.isWorldWritableParent(shared + "/a.txt", NOW + 5_000 - 1), "the clock set back: read again");
    }

    @Test
    void theModeANewFileGotIsKeptForItsDirectoryAsLongAsTheVerdict() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        DirectoryModes modes = new DirectoryModes();
        assertEquals(DirectoryModes.UNKNOWN, modes.createdMode(a + "/1.txt", NOW), "nothing created yet");
        modes.created(a + "/1.txt", 0644, NOW);
        assertEquals(0644, modes.createdMode(a + "/2.txt", NOW + 1), "a sibling");
        assertEquals(DirectoryModes.UNKNOWN, modes.createdMode(b + "/1.txt", NOW + 1), "another directory");
        assertEquals(DirectoryModes.UNKNOWN, modes.createdMode(a + "/sub/1.txt", NOW + 1), "a directory below");
        assertEquals(0644, modes.createdMode(a + "/2.txt", NOW + 2), "asked in place again, after another directory");
        modes.created(a + "/3.txt", 0664, NOW + 3);
        assertEquals(0664, modes.createdMode(a + "/4.txt", NOW + 4), "the last creation counts");
        assertEquals(DirectoryModes.UNKNOWN, modes.createdMode(a + "/4.txt", NOW + 5_000), "forgotten with the verdict, after 5 s");
        assertEquals(DirectoryModes.UNKNOWN, modes.createdMode("/", NOW), "the root has no directory");
        modes.created("/", 0644, NOW);
    }
}
