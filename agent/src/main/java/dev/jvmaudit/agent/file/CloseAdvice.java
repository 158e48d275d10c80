package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/**
 * {@code FileOutputStream.close()}, {@code RandomAccessFile.close()}, {@code FileChannelImpl.implCloseChannel()},
 * {@code SimpleAsynchronousFileChannelImpl.close()}: the handle is closed (also when closing threw, the descriptor is
 * gone by then).
 */
final class CloseAdvice {

    private CloseAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.This Object handle) {
        FileBridge.closed(handle);
    }
}
