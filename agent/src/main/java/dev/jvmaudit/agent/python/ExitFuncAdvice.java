package dev.jvmaudit.agent.python;

import dev.jvmaudit.bootstrap.PythonBridge;
import net.bytebuddy.asm.Advice;

/** {@code org.python.core.PySystemState.callExitFunc()}: Python's exit functions ({@code atexit}) run on this thread. */
final class ExitFuncAdvice {

    private ExitFuncAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
        PythonBridge.exitFunctions(true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        PythonBridge.exitFunctions(false);
    }
}
