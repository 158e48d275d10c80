package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code sun.nio.ch.FileChannelImpl.transferFrom(ReadableByteChannel, long position, long count)}: writes this file. */
final class ChannelTransferFromAdvice {

    private ChannelTransferFromAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object channel, @Advice.FieldValue("parent") Object parent,
                      @Advice.Argument(1) long position, @Advice.Argument(2) long count) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.written(channel, parent, position, count);
        }
    }
}
