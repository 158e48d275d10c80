package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code FileOutputStream.write(byte[])}, {@code RandomAccessFile.write(byte[])}. */
final class WriteArrayAdvice {

    private WriteArrayAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object handle, @Advice.Argument(0) byte[] bytes) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.written(handle, null, -1L, bytes == null ? 0L : bytes.length);
        }
    }
}
