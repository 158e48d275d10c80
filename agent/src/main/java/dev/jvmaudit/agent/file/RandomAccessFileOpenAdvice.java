package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code RandomAccessFile.open(String name, int mode)}; only the read-write modes ({@code O_RDWR} = 2) write. */
final class RandomAccessFileOpenAdvice {

    private RandomAccessFileOpenAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) String name, @Advice.Argument(1) int mode) {
        return FileBridge.opening(name, (mode & 2) == 0 ? 0 : FileBridge.WRITE | FileBridge.CREATE);
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Enter Object token, @Advice.This Object file, @Advice.Thrown Throwable failure) {
        FileBridge.opened(token, file, failure);
    }
}
