package dev.jvmaudit.agent.file;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a directory is world-writable, remembered for a few seconds: services open many files in few directories,
 * and a directory's mode rarely changes, so most opens need no {@code stat} of their directory.
 */
final class DirectoryModes {

    private static final long TTL_NANOS = 5_000_000_000L;
    private static final int MAX_DIRECTORIES = 1024;

    private record Verdict(boolean shared, long expiresAt) {
    }

    private final Map<Path, Verdict> verdicts = new ConcurrentHashMap<>();

    boolean isWorldWritable(Path dir) {
        long now = System.nanoTime();
        Verdict verdict = verdicts.get(dir);
        if (verdict != null && verdict.expiresAt() - now > 0) {
            return verdict.shared();
        }
        PosixFileAttributes attributes = CreatedFileRules.posix(dir);
        boolean shared = attributes != null && attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
        if (verdicts.size() >= MAX_DIRECTORIES) {
            verdicts.clear();
        }
        verdicts.put(dir, new Verdict(shared, now + TTL_NANOS));
        return shared;
    }
}
