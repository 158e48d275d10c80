package dev.jvmaudit.agent.file;

import dev.jvmaudit.bootstrap.FileBridge;
import net.bytebuddy.asm.Advice;

/** {@code File.setReadable/setWritable/setExecutable(boolean, boolean)}. */
final class FileSetPermissionAdvice {

    private FileSetPermissionAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object file, @Advice.Return boolean changed) {
        if (changed) {
            FileBridge.permissionsChanged(file);
        }
    }
}
