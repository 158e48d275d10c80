package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/**
 * {@code sun.nio.ch.AsynchronousFileChannelImpl.addToFileLockTable(long, long, boolean)}: every lock of an
 * {@code AsynchronousFileChannel} ({@code lock} in both forms and {@code tryLock}) is registered here.
 */
final class AsyncLockAdvice {

    private AsyncLockAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.This Object channel, @Advice.Return Object lock, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            FileBridge.locked(channel, null, lock);
        }
    }
}
