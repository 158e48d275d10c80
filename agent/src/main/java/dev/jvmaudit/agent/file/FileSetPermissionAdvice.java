package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code File.setReadable/setWritable/setExecutable(boolean, boolean)}. */
final class FileSetPermissionAdvice {

    private FileSetPermissionAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Object file, @Advice.Return boolean changed) {
        if (changed) {
            FileBridge.permissionsChanged(file);
        }
    }
}
