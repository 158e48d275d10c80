package dev.jvmaudit.agent.file;

import dev.jvmaudit.bootstrap.FileBridge;
import net.bytebuddy.asm.Advice;

/** {@code File.mkdir()} (and so {@code mkdirs()}, which calls it per level). */
final class FileMkdirAdvice {

    private FileMkdirAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object dir, @Advice.Return boolean created) {
        if (created) {
            FileBridge.created(dir, true, true);
        }
    }
}
