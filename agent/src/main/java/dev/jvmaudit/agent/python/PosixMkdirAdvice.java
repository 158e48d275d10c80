package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.PythonBridge;

/** {@code org.python.modules.posix.PosixModule.mkdir(PyObject path, int mode)}: native through jnr-posix. */
final class PosixMkdirAdvice {

    private PosixMkdirAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Argument(0) Object path, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            PythonBridge.mkdir(path);
        }
    }
}
