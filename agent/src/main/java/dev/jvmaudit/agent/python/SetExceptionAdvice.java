package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.PythonBridge;

/**
 * {@code org.python.core.Py.setException(Throwable, PyFrame)}: compiled Python code calls it on entering every
 * {@code except} clause; the result is the Python exception being handled in that frame.
 */
final class SetExceptionAdvice {

    private SetExceptionAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Return Object exception, @Advice.Argument(1) Object frame) {
        PythonBridge.caught(exception, frame);
    }
}
