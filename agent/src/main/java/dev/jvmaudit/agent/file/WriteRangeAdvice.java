package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code FileOutputStream.write(byte[], int, int)}, {@code RandomAccessFile.write(byte[], int, int)}. */
final class WriteRangeAdvice {

    private WriteRangeAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object handle, @Advice.Argument(2) int length) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.written(handle, null, -1L, length);
        }
    }
}
