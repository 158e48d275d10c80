package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code sun.nio.ch.FileChannelImpl.lock/tryLock(long, long, boolean)}: the lock now held (null when tryLock failed). */
final class ChannelLockAdvice {

    private ChannelLockAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.This Object channel, @Advice.FieldValue("parent") Object parent,
                     @Advice.Return Object lock, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            FileBridge.locked(channel, parent, lock);
        }
    }
}
