package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.PythonBridge;

/** {@code org.python.core.PySystemState.callExitFunc()}: Python's exit functions ({@code atexit}) run on this thread. */
final class ExitFuncAdvice {

    private ExitFuncAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        PythonBridge.exitFunctions(true);
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit() {
        PythonBridge.exitFunctions(false);
    }
}
