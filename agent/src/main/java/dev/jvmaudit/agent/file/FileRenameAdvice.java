package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code File.renameTo(File)}: java.io's atomic replace (write a temporary file, rename it into place), as a move. */
final class FileRenameAdvice {

    private FileRenameAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Object source, @Advice.Argument(0) Object target, @Advice.Return boolean renamed) {
        if (renamed) {
            FileBridge.moved(source, target, false);
        }
    }
}
