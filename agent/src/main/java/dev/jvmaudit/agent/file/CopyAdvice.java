package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code UnixFileSystemProvider.copy(Path source, Path target, CopyOption...)}: the target is a new file. */
final class CopyAdvice {

    private CopyAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Argument(1) Object target, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            FileBridge.created(target, false, false);
        }
    }
}
