package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code FileOutputStream.open(String name, boolean append)}: every path-based FileOutputStream (and FileWriter, PrintWriter(File)). */
final class FileOutputStreamOpenAdvice {

    private FileOutputStreamOpenAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) String name, @Advice.Argument(1) boolean append) {
        return FileBridge.opening(name, FileBridge.WRITE | FileBridge.CREATE | (append ? FileBridge.APPEND : FileBridge.TRUNCATE));
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Enter Object token, @Advice.This Object stream, @Advice.Thrown Throwable failure) {
        FileBridge.opened(token, stream, failure);
    }
}
