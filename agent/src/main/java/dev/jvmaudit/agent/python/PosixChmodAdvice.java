package dev.jvmaudit.agent.python;

import dev.jvmaudit.bootstrap.PythonBridge;
import net.bytebuddy.asm.Advice;

/** {@code org.python.modules.posix.PosixModule.chmod/lchmod(PyObject path, int mode)}: native through jnr-posix. */
final class PosixChmodAdvice {

    private PosixChmodAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Object path, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            PythonBridge.chmod(path);
        }
    }
}
