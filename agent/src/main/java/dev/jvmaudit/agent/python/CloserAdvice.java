package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.PythonBridge;

/**
 * {@code org.python.core.PySystemState$PySystemStateCloser.runClosers()}: Jython's "Jython Shutdown Closer" hook (and
 * the interpreter's cleanup) closing the files Python code left open.
 */
final class CloserAdvice {

    private CloserAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        PythonBridge.closerStarting();
    }
}
