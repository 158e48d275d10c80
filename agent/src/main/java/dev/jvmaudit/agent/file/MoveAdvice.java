package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code UnixFileSystemProvider.move(Path source, Path target, CopyOption...)}: the target is a new file. */
final class MoveAdvice {

    private MoveAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Argument(0) Object source, @Advice.Argument(1) Object target, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            FileBridge.moved(source, target, false);
        }
    }
}
