package dev.jvmaudit.demo.keepalived.faithful;

import dev.jvmaudit.demo.fake.LoopbackHttpServer;
import dev.jvmaudit.demo.fake.LoopbackHttpServer.Answer;
import dev.jvmaudit.demo.keepalived.RouterState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The faithful port must keep the weaknesses the agent is meant to find: these tests pin them down. */
class FaithfulWeaknessesTest {

    @Test
    void theStateFileIsLeftWorldWritable(@TempDir Path dir) {
        Path state = dir.resolve("state");
        new FaithfulStateFile(state).write(RouterState.PRIMARY);
        assertEquals("primary", read(state));
        assertEquals("rw-rw-rw-", mode(state));
    }

    @Test
    void theStateFileIsTruncatedInPlace(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        FaithfulStateFile file = new FaithfulStateFile(state);
        file.write(RouterState.PRIMARY);
        Object inode = Files.readAttributes(state, "unix:ino").get("ino");
        file.write(RouterState.BACKUP);
        assertEquals(inode, Files.readAttributes(state, "unix:ino").get("ino"));
        assertEquals("backup", read(state));
    }

    @Test
    void aRefusalFromTheL3AgentThrows() throws Exception {
        try (LoopbackHttpServer agent = LoopbackHttpServer.start("test-l3", Answer.FAIL)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new FaithfulNotifier(agent.uri()).notifyAgent("r-1", RouterState.PRIMARY));
            assertEquals("Unexpected response: 500", e.getMessage());
        }
    }

    @Test
    void anAcceptedNotificationReturns() throws Exception {
        try (LoopbackHttpServer agent = LoopbackHttpServer.start("test-l3", Answer.OK)) {
            new FaithfulNotifier(agent.uri()).notifyAgent("r-1", RouterState.PRIMARY);
            assertEquals("primary", agent.received().get(0).state());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
