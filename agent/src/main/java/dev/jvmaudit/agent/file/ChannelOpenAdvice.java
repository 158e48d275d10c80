package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/**
 * {@code UnixFileSystemProvider.newByteChannel/newFileChannel/newAsynchronousFileChannel(Path, Set<OpenOption>, ...)}:
 * {@code Files.newOutputStream}, {@code newBufferedWriter}, {@code write}, {@code createFile}, {@code createTempFile},
 * {@code FileChannel.open} all end here.
 */
final class ChannelOpenAdvice {

    private ChannelOpenAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) Object path, @Advice.Argument(1) Object options, @Advice.Argument(2) Object attributes) {
        return FileBridge.openingChannel(path, options, attributes);
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Enter Object token, @Advice.Return Object channel, @Advice.Thrown Throwable failure) {
        FileBridge.opened(token, channel, failure);
    }
}
