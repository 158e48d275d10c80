package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/**
 * {@code Files.write} and {@code Files.writeString} (every overload): each opens its file, writes it and closes it
 * before it returns, so the channel it opens needs no call site captured at the open (see {@link WholeFileWrites}).
 */
final class WholeFileWriteAdvice {

    private WholeFileWriteAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object path) {
        FileBridge.enteringWholeFileWrite(path);
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit() {
        FileBridge.leftWholeFileWrite();
    }
}
