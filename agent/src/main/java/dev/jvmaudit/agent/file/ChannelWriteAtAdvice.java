package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

import java.nio.ByteBuffer;

/** {@code sun.nio.ch.FileChannelImpl.write(ByteBuffer, long position)}. */
final class ChannelWriteAtAdvice {

    private ChannelWriteAtAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object channel, @Advice.FieldValue("parent") Object parent,
                      @Advice.Argument(0) ByteBuffer source, @Advice.Argument(1) long position) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.written(channel, parent, position, source == null ? 0L : source.remaining());
        }
    }
}
