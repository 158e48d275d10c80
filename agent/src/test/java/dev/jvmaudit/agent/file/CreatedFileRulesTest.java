package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.config.AgentConfig;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import example.CallSiteProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** file.permissive for renames: the atomic-replace pattern judged by the mode read when its file was opened. */
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
        FileRules.Opening opening = new FileRules.Opening(file, file.toString(), 0, System.currentTimeMillis(), true, 0, null);
        rules.opened(opening, Files.readAttributes(file, PosixFileAttributes.class));
        return file;
    }

    private void moved(Path source, Path target) {
        try {
            Files.move(source, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CallSiteProbe.run(() -> rules.moved(source, target));
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
}
