package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

import java.nio.ByteBuffer;

/**
 * {@code sun.nio.ch.SimpleAsynchronousFileChannelImpl.implWrite(ByteBuffer, long, A, CompletionHandler)}: both
 * {@code write} forms of {@code AsynchronousFileChannel}, on the thread that asks for the write.
 */
final class AsyncWriteAdvice {

    private AsyncWriteAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object channel, @Advice.Argument(0) ByteBuffer source, @Advice.Argument(1) long position) {
        if (FileBridge.sharedFiles != 0) {
            FileBridge.written(channel, null, position, source == null ? 0L : source.remaining());
        }
    }
}
