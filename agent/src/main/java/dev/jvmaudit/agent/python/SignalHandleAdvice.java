package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.PythonBridge;

/** {@code sun.misc.Signal.handle(Signal, SignalHandler)}: where Python's {@code signal.signal} installs a handler. */
final class SignalHandleAdvice {

    private SignalHandleAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Argument(0) Object signal, @Advice.Argument(1) Object handler) {
        PythonBridge.signalHandlerSet(signal, handler);
    }
}
