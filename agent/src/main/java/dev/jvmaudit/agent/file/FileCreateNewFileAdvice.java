package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code File.createNewFile()} (and so {@code File.createTempFile}): an exclusive creation. */
final class FileCreateNewFileAdvice {

    private FileCreateNewFileAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Object file, @Advice.Return boolean created) {
        if (created) {
            FileBridge.created(file, false, true);
        }
    }
}
