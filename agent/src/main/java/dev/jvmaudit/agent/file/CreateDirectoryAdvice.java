package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code UnixFileSystemProvider.createDirectory(Path, FileAttribute...)}, behind {@code Files.createDirectory/ies}. */
final class CreateDirectoryAdvice {

    private CreateDirectoryAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Argument(0) Object dir, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            FileBridge.created(dir, true, true);
        }
    }
}
