package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ShutdownBridge;

/** {@code Runtime.exit(int)}, which {@code System.exit} calls. */
final class ExitAdvice {

    private ExitAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) int status) {
        ShutdownBridge.exiting(status);
    }
}
