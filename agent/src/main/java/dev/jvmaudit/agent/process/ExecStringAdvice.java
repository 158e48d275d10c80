package dev.jvmaudit.agent.process;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ProcessBridge;

/**
 * {@code Runtime.exec(String, String[], File)}, which every {@code exec(String...)} overload calls: it splits the
 * string on white space (no shell), so the start is judged on the string as the application wrote it.
 */
final class ExecStringAdvice {

    private ExecStringAdvice() {
    }

    @Advice.OnMethodEnter
    static String enter(@Advice.Argument(0) String command) {
        return ProcessBridge.execString(command);
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Enter String previous) {
        ProcessBridge.execDone(previous);
    }
}
