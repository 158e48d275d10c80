package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.PythonBridge;

/**
 * {@code sun.misc.Signal$InternalMiscHandler.handle(jdk.internal.misc.Signal)}: a {@code sun.misc} handler (Python's,
 * among others) runs, on the JDK's "SIGTERM handler" thread.
 */
final class SignalDispatchAdvice {

    private SignalDispatchAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("signal") Object signal, @Advice.FieldValue("handler") Object handler) {
        PythonBridge.signalHandling(signal, handler);
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.FieldValue("signal") Object signal, @Advice.FieldValue("handler") Object handler,
                     @Advice.Thrown Throwable failure) {
        PythonBridge.signalHandled(signal, handler, failure);
    }
}
