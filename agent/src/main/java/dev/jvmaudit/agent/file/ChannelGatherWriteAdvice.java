package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

import java.nio.ByteBuffer;

/** {@code sun.nio.ch.FileChannelImpl.write(ByteBuffer[], int, int)}. */
final class ChannelGatherWriteAdvice {

    private ChannelGatherWriteAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object channel, @Advice.FieldValue("parent") Object parent,
                      @Advice.Argument(0) ByteBuffer[] sources, @Advice.Argument(1) int offset, @Advice.Argument(2) int count) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.writtenGather(channel, parent, sources, offset, count);
        }
    }
}
