package dev.jvmaudit.agent.file;

import dev.jvmaudit.bootstrap.FileBridge;
import net.bytebuddy.asm.Advice;

/** {@code FileOutputStream.write(byte[])}, {@code RandomAccessFile.write(byte[])}. */
final class WriteArrayAdvice {

    private WriteArrayAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object handle, @Advice.Argument(0) byte[] bytes) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.written(handle, null, -1L, bytes == null ? 0L : bytes.length);
        }
    }
}
