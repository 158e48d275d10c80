package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code UnixFileSystemProvider.createLink(Path link, Path existing)}: a new name for a file, judged as a move to it. */
final class CreateLinkAdvice {

    private CreateLinkAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Argument(0) Object link, @Advice.Argument(1) Object existing, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            FileBridge.moved(existing, link, true);
        }
    }
}
