package dev.jvmaudit.agent.file;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a directory is world-writable, remembered for a few seconds: services open many files in few directories,
 * and a directory's mode rarely changes, so most opens need no {@code stat} of their directory. The directory asked
 * about last is compared in place, so a run of opens in one directory builds no string and no path.
 */
final class DirectoryModes {

    private static final long TTL_MILLIS = 5_000;
    private static final int MAX_DIRECTORIES = 1024;

    private record Verdict(String directory, boolean shared, long checkedAtMillis) {
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
        Verdict v = last;
        if (v != null && v.fresh(nowMillis) && v.holds(name)) {
            return v.shared();
        }
        int slash = name.lastIndexOf('/');
        if (slash < 0 || slash == name.length() - 1) {
            return false;
        }
        String directory = slash == 0 ? "/" : name.substring(0, slash);
        v = verdicts.get(directory);
        if (v == null || !v.fresh(nowMillis)) {
            PosixFileAttributes attributes = CreatedFileRules.posix(Path.of(directory));
            boolean shared = attributes != null && attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
            if (verdicts.size() >= MAX_DIRECTORIES) {
                verdicts.clear();
            }
            v = new Verdict(directory, shared, nowMillis);
            verdicts.put(directory, v);
        }
        last = v;
        return v.shared();
    }
}
