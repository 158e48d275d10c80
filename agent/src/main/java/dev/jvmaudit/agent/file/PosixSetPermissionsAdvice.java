package dev.jvmaudit.agent.file;

import dev.jvmaudit.bootstrap.FileBridge;
import net.bytebuddy.asm.Advice;

/** {@code UnixFileAttributeViews.Posix.setPermissions(Set)}, behind {@code Files.setPosixFilePermissions}. */
final class PosixSetPermissionsAdvice {

    private PosixSetPermissionsAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.FieldValue("file") Object file, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            FileBridge.permissionsChanged(file);
        }
    }
}
