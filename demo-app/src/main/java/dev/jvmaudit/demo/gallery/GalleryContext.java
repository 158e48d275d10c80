package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.fake.LoopbackHttpServer;
import dev.jvmaudit.demo.fake.LoopbackHttpServer.Answer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What scenarios share: a private work directory, loopback servers, and the knobs from the command line. */
public final class GalleryContext {

    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path workDir;
    private final Duration hookSleep;
    private final Duration deadlockWait;
    private final String input;
    private final Map<Answer, LoopbackHttpServer> servers = new EnumMap<>(Answer.class);

    GalleryContext(Path workDir, Duration hookSleep, Duration deadlockWait, String input) {
        this.workDir = workDir;
        this.hookSleep = hookSleep;
        this.deadlockWait = deadlockWait;
        this.input = input;
    }

    public Path workDir() {
        return workDir;
    }

    public Duration hookSleep() {
        return hookSleep;
    }

    public Duration deadlockWait() {
        return deadlockWait;
    }

    /** Text that stands for what a user typed (a router name in a form, say). */
    public String input() {
        return input;
    }

    /** A server on 127.0.0.1 that answers every request this way; started on first use, on daemon threads. */
    public synchronized LoopbackHttpServer server(Answer answer) throws IOException {
        LoopbackHttpServer server = servers.get(answer);
        if (server == null) {
            server = LoopbackHttpServer.start("loopback-" + answer.name().toLowerCase(Locale.ROOT), answer);
            servers.put(answer, server);
        }
        return server;
    }

    /**
     * A new empty file in the work directory, readable by its owner only, so that a scenario about something
     * else never trips {@code file.permissive} whatever the umask.
     */
    public Path newPrivateFile(String name) throws IOException {
        Path file = workDir.resolve(name);
        Files.deleteIfExists(file);
        return Files.createFile(file, OWNER_ONLY);
    }
}
