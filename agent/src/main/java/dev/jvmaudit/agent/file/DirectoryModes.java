package dev.jvmaudit.agent.file;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is known of a directory, remembered for a few seconds: whether it is world-writable, and the mode the last file
 * an open created in it with the default mode ({@code 0666} before the umask) was given. Services open many files in
 * few directories, and neither the mode of a directory nor what the umask and its default ACL make of a new file's
 * mode changes often, so most opens need no {@code stat} of their directory, and most new files no read of their own
 * mode. The directory asked about last is compared in place, so a run of opens in one directory builds no string and
 * no path.
 */
final class DirectoryModes {

    private static final long TTL_MILLIS = 5_000;
    private static final int MAX_DIRECTORIES = 1024;
    /** {@link Verdict#createdMode} before a creation was seen. */
    static final int UNKNOWN = -1;

    private record Verdict(String directory, boolean shared, long checkedAtMillis, int createdMode) {
        /** Checked less than the TTL ago (a wall clock set back makes it stale at once). */
        boolean fresh(long nowMillis) {
            long age = nowMillis - checkedAtMillis;
            return age >= 0 && age < TTL_MILLIS;
        }

        /** True when {@code name} is a file directly in this directory. */
        boolean holds(String name) {
            int length = directory.length();
            int slash = length == 1 ? 0 : length; // the root's entries follow its own slash
            return name.length() > slash + 1 && name.startsWith(directory) && name.charAt(slash) == '/'
                    && name.indexOf('/', slash + 1) < 0;
        }
    }

    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private volatile Verdict last;

    /**
     * Whether the directory of the absolute path {@code name} is world-writable (false for the root itself);
     * {@code nowMillis} is the wall clock, which the caller has often read already (a clock read is 50-100 ns here).
     */
    boolean isWorldWritableParent(String name, long nowMillis) {
        Verdict v = verdict(name, nowMillis);
        return v != null && v.shared();
    }

    /**
     * The permission bits the last file created by a default-mode open in the directory of {@code name} was given,
     * within the last few seconds, or {@link #UNKNOWN}.
     */
    int createdMode(String name, long nowMillis) {
        Verdict v = verdict(name, nowMillis);
        return v == null ? UNKNOWN : v.createdMode();
    }

    /** A default-mode open created {@code name} with these permission bits. */
    void created(String name, int mode, long nowMillis) {
        Verdict v = verdict(name, nowMillis);
        if (v != null && v.createdMode() != mode) {
            Verdict learned = new Verdict(v.directory(), v.shared(), v.checkedAtMillis(), mode);
            verdicts.put(v.directory(), learned);
            last = learned;
        }
    }

    /** The fresh verdict on the directory of {@code name}, read now when there is none; null when it has no directory. */
    private Verdict verdict(String name, long nowMillis) {
        Verdict v = last;
        if (v != null && v.fresh(nowMillis) && v.holds(name)) {
            return v;
        }
        int slash = name.lastIndexOf('/');
        if (slash < 0 || slash == name.length() - 1) {
            return null;
        }
        String directory = slash == 0 ? "/" : name.substring(0, slash);
        v = verdicts.get(directory);
        if (v == null || !v.fresh(nowMillis)) {
            PosixFileAttributes attributes = CreatedFileRules.posix(Path.of(directory));
            boolean shared = attributes != null && attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
            if (verdicts.size() >= MAX_DIRECTORIES) {
                verdicts.clear();
            }
            v = new Verdict(directory, shared, nowMillis, UNKNOWN);
            verdicts.put(directory, v);
        }
        last = v;
        return v;
    }
}
