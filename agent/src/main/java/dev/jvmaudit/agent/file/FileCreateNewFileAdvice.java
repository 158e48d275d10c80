package dev.jvmaudit.agent.file;

import dev.jvmaudit.bootstrap.FileBridge;
import net.bytebuddy.asm.Advice;

/** {@code File.createNewFile()} (and so {@code File.createTempFile}): an exclusive creation. */
final class FileCreateNewFileAdvice {

    private FileCreateNewFileAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object file, @Advice.Return boolean created) {
        if (created) {
            FileBridge.created(file, false, true);
        }
    }
}
