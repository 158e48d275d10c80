package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code RandomAccessFile.writeBytes(String)} and {@code writeChars(String)}, which reach the native write directly on JDK 17. */
final class WriteStringAdvice {

    private WriteStringAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object handle, @Advice.Argument(0) String text) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.written(handle, null, -1L, text == null ? 0L : text.length());
        }
    }
}
