package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code File.mkdir()} (and so {@code mkdirs()}, which calls it per level). */
final class FileMkdirAdvice {

    private FileMkdirAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Object dir, @Advice.Return boolean created) {
        if (created) {
            FileBridge.created(dir, true, true);
        }
    }
}
