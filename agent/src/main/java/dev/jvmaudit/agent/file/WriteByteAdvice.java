package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code FileOutputStream.write(int)}, {@code RandomAccessFile.write(int)}: one volatile read unless a file is shared. */
final class WriteByteAdvice {

    private WriteByteAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object handle) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.written(handle, null, -1L, 1L);
        }
    }
}
