package dev.jvmaudit.agent.file;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** POSIX permission sets as the octal modes people read. */
final class Modes {

    private Modes() {
    }

    static int of(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= bit(p);
        }
        return mode;
    }

    static int bit(PosixFilePermission permission) {
        return 1 << (8 - permission.ordinal());
    }

    static String octal(int mode) {
        return String.format("0%03o", mode);
    }
}
