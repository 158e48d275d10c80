package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

import java.nio.ByteBuffer;

/**
 * {@code sun.nio.ch.FileChannelImpl.write(ByteBuffer)}: {@code FileChannel}, {@code Files.newOutputStream},
 * {@code newBufferedWriter}, {@code newByteChannel}, and the channel of a stream ({@code parent}).
 */
final class ChannelWriteAdvice {

    private ChannelWriteAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object channel, @Advice.FieldValue("parent") Object parent,
                      @Advice.Argument(0) ByteBuffer source) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.written(channel, parent, -1L, source == null ? 0L : source.remaining());
        }
    }
}
