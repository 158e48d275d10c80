package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** file.permissive: the router state file made rw-rw-rw-, as a daemon running with umask 0 leaves it. */
final class PermissiveFileScenario implements Scenario {

    @Override
    public String rule() {
        return "file.permissive";
    }

    @Override
    public String story() {
        return "writes <work-dir>/state and makes it rw-rw-rw- (what umask 0 gives)";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        Path state = context.workDir().resolve("state");
        Files.writeString(state, "primary");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-rw-rw-"));
        ConsoleLog.info("wrote %s, mode %s", state, mode(state));
    }

    /** The fix: create it owner-only from the start, so that it is never open to others even for a moment. */
    @Override
    public void twin(GalleryContext context) throws Exception {
        Path state = context.newPrivateFile("state");
        Files.writeString(state, "primary");
        ConsoleLog.info("wrote %s, mode %s", state, mode(state));
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
