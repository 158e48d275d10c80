package dev.jvmaudit.demo.keepalived.faithful;

import dev.jvmaudit.demo.keepalived.RouterState;

import java.io.FileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** {@code <conf-dir>/state} written as the original writes it: {@code open(path, 'w')} in a daemon whose umask is 0. */
final class FaithfulStateFile {

    private final Path path;

    FaithfulStateFile(Path path) {
        this.path = path;
    }

    /** Truncates the file and writes the state: a reader in between sees an empty file. */
    void write(RouterState state) {
        try (Writer out = new FileWriter(path.toFile())) {
            // the daemon runs with umask 0 (daemonize() sets it), so its files come out rw-rw-rw-
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
            out.write(state.wire());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
