package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code UnixFileAttributeViews.Posix.setPermissions(Set)}, behind {@code Files.setPosixFilePermissions}. */
final class PosixSetPermissionsAdvice {

    private PosixSetPermissionsAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.FieldValue("file") Object file, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            FileBridge.permissionsChanged(file);
        }
    }
}
