package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.FileBridge;

/** {@code File.createTempFile(String, String, File)}: an exclusive creation that bypasses {@code createNewFile()}. */
final class FileCreateTempFileAdvice {

    private FileCreateTempFileAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Return Object file, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            FileBridge.created(file, false, true);
        }
    }
}
