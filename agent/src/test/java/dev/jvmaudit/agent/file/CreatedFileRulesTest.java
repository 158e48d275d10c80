package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.config.AgentConfig;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.bootstrap.FileBridge;
import example.CallSiteProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * file.permissive for renames (the atomic-replace pattern judged by the mode read when its file was opened), and for
 * new files whose mode need not be read (the last one created in their directory showed what the umask gives).
 */
class CreatedFileRulesTest {

    @TempDir
    Path dir;
    private Reporter reporter;
    private CreatedFileRules rules;

    @BeforeEach
    void start() {
        reporter = new Reporter(AgentConfig.load("metrics=off,summary=off,log.file=" + dir.resolve("findings.jsonl")),
                "test", "test", () -> { });
        reporter.start();
        rules = new CreatedFileRules(reporter);
    }

    @AfterEach
    void stop() {
        reporter.close();
    }

    private Path openedForWriting(String name, String mode) throws IOException {
        Path file = Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode)); // past the umask
        FileRules.Opening opening = new FileRules.Opening(file, file.toString(), FileBridge.WRITE, 0, FileRules.DEFAULT_MODE, true, 0,
                null, HandleTable.NOT_NEW);
        rules.opened(opening, Files.readAttributes(file, PosixFileAttributes.class));
        return file;
    }

    private void moved(Path source, Path target) {
        try {
            Files.move(source, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CallSiteProbe.run(() -> rules.moved(source, target, false));
    }

    private long findings() {
        return reporter.total(Rule.FILE_PERMISSIVE);
    }

    @Test
    void aFileThisThreadOpenedIsJudgedAtItsNewNameByTheModeReadThen() throws Exception {
        Path temp = openedForWriting("state.1.tmp", "rw-------");
        // changed behind the hooks' back: the rename is judged by the mode read at the open, with no second stat
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-rw-rw-"));
        moved(temp, dir.resolve("state"));
        assertEquals(0, findings());
    }

    @Test
    void aModeThatWouldBeAFindingUnderTheNewNameIsReadAgain() throws Exception {
        Path temp = openedForWriting("key.1.tmp", "rw-r--r--");
        moved(temp, dir.resolve("server.key"));
        assertEquals(1, findings());
    }

    @Test
    void aModeChangeSeenByTheHooksIsNotTakenOnTrust() throws Exception {
        Path temp = openedForWriting("state.2.tmp", "rw-------");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-rw-rw-"));
        CallSiteProbe.run(() -> rules.permissionsChanged(temp));
        assertEquals(1, findings(), "the chmod itself");
        moved(temp, dir.resolve("state"));
        assertEquals(2, findings(), "and the file renamed into place");
    }

    @Test
    void aFileAnotherThreadOpenedIsReadAtItsNewPath() throws Exception {
        Path temp = dir.resolve("shared.tmp");
        Thread other = new Thread(() -> {
            try {
                openedForWriting("shared.tmp", "rw-------");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        other.start();
        other.join();
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-rw-rw-"));
        moved(temp, dir.resolve("state"));
        assertEquals(1, findings());
    }

    /** An open that may create {@code file}, started now, asking for the default mode or given its own. */
    private static FileRules.Opening creating(Path file, boolean defaultMode) {
        return creating(file, FileBridge.CREATE, defaultMode ? FileRules.DEFAULT_MODE : FileRules.UNKNOWN_MODE);
    }

    private static FileRules.Opening creating(Path file, int flag, int requestedMode) {
        return new FileRules.Opening(file, file.toString(), FileBridge.WRITE | flag, System.currentTimeMillis(), requestedMode, true, 0,
                null, HandleTable.NOT_NEW);
    }

    /** {@code opening}'s file created with {@code mode} (as an open under some umask would), and the open judged. */
    private void created(FileRules.Opening opening, String mode) throws IOException {
        Path file = Files.createFile(opening.path());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        CallSiteProbe.run(() -> rules.opened(opening, posix(file)));
    }

    private static PosixFileAttributes posix(Path file) {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aNewFileIsReadUntilOneCreatedInItsDirectoryShowedWhatTheUmaskGives() throws Exception {
        FileRules.Opening first = creating(dir.resolve("first.txt"), true);
        assertFalse(rules.createsHarmlessly(first), "nothing known of the directory yet");
        created(first, "rw-r--r--");
        assertEquals(0, findings());

        assertTrue(rules.createsHarmlessly(creating(dir.resolve("second.txt"), true)), "0644 is no finding for a plain name");
        assertFalse(rules.createsHarmlessly(creating(dir.resolve("server.key"), true)), "but is for a sensitive one");
        assertFalse(rules.createsHarmlessly(creating(dir.resolve("third.txt"), false)), "an open given its own mode");
        Path below = Files.createDirectory(dir.resolve("below"));
        assertFalse(rules.createsHarmlessly(creating(below.resolve("first.txt"), true)), "another directory");
    }

    @Test
    void whereNewFilesAreGroupWritableEachOneIsReadAndFound() throws Exception {
        created(creating(dir.resolve("first.txt"), true), "rw-rw-r--");
        assertEquals(1, findings());
        FileRules.Opening second = creating(dir.resolve("second.txt"), true);
        assertFalse(rules.createsHarmlessly(second));
        created(second, "rw-rw-r--");
        assertEquals(2, findings());
    }

    @Test
    void aFileTheOpenFoundInPlaceTellsNothingOfNewOnes() throws Exception {
        Path old = Files.createFile(dir.resolve("old.txt"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-------"));
        FileTime minuteAgo = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.getFileAttributeView(old, BasicFileAttributeView.class).setTimes(minuteAgo, minuteAgo, null);
        CallSiteProbe.run(() -> rules.opened(creating(old, true), posix(old)));
        assertFalse(rules.createsHarmlessly(creating(dir.resolve("new.txt"), true)));
    }

    @Test
    void aFileGivenItsOwnModeTellsNothingOfDefaultOnes() throws Exception {
        created(creating(dir.resolve("private.txt"), false), "rw-------");
        assertFalse(rules.createsHarmlessly(creating(dir.resolve("new.txt"), true)));
    }

    @Test
    void aModeAskedForThatIsNoFindingNeedsNoReadTheUmaskCanOnlyTakeBitsAway() {
        assertTrue(rules.createsHarmlessly(creating(dir.resolve("state.tmp"), FileBridge.CREATE, 0600)));
        assertTrue(rules.createsHarmlessly(creating(dir.resolve("server.key"), FileBridge.CREATE_NEW, 0600)));
        assertTrue(rules.createsHarmlessly(creating(dir.resolve("report.txt"), FileBridge.CREATE, 0644)));
        assertFalse(rules.createsHarmlessly(creating(dir.resolve("server.key"), FileBridge.CREATE, 0644)), "world-readable key");
        assertFalse(rules.createsHarmlessly(creating(dir.resolve("state.tmp"), FileBridge.CREATE, 0660)), "group-writable");
        assertFalse(rules.createsHarmlessly(creating(dir.resolve("state.tmp"), FileBridge.CREATE, FileRules.UNKNOWN_MODE)));
    }

    /** The open's file created, given 0666 behind the hooks' back, and the open judged without reading it. */
    private Path openedUnread(FileRules.Opening opening) throws IOException {
        Path file = Files.createFile(opening.path());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        CallSiteProbe.run(() -> rules.opened(opening, null));
        return file;
    }

    @Test
    void aFileThisThreadCreatedExclusivelyIsReopenedAndRenamedByTheModeItAskedFor() throws Exception {
        // neither the reopen nor the rename reads it again
        Path temp = openedUnread(creating(dir.resolve("state.3.tmp"), FileBridge.CREATE_NEW, 0600));
        assertTrue(rules.modeKnown(temp));
        FileRules.Opening reopen = new FileRules.Opening(temp, temp.toString(), FileBridge.WRITE, 0, FileRules.DEFAULT_MODE, true, 0,
                null, HandleTable.NOT_NEW);
        CallSiteProbe.run(() -> rules.opened(reopen, null));
        assertTrue(rules.modeKnown(temp), "still known after the reopen");
        moved(temp, dir.resolve("state"));
        assertEquals(0, findings());
    }

    @Test
    void aModeAskedForIsNoBoundWhereTheOpenMayHaveFoundTheFileInPlace() throws Exception {
        Path file = openedUnread(creating(dir.resolve("state.4.tmp"), FileBridge.CREATE, 0600));
        assertFalse(rules.modeKnown(file));
        moved(file, dir.resolve("state"));
        assertEquals(1, findings(), "read at its new path");
    }

    @Test
    void anotherThreadsReopenIsNotKnown() throws Exception {
        FileRules.Opening create = creating(dir.resolve("state.5.tmp"), FileBridge.CREATE_NEW, 0600);
        Files.createFile(create.path());
        CallSiteProbe.run(() -> rules.opened(create, null));
        boolean[] known = new boolean[1];
        Thread other = new Thread(() -> known[0] = rules.modeKnown(create.path()));
        other.start();
        other.join();
        assertFalse(known[0]);
    }
}
