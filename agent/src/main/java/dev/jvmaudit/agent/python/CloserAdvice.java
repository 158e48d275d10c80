package dev.jvmaudit.agent.python;

import dev.jvmaudit.bootstrap.PythonBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code org.python.core.PySystemState$PySystemStateCloser.runClosers()}: Jython's "Jython Shutdown Closer" hook (and
 * the interpreter's cleanup) closing the files Python code left open.
 */
final class CloserAdvice {

    private CloserAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
        PythonBridge.closerStarting();
    }
}
