package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.bootstrap.ShutdownBridge;
import net.bytebuddy.asm.Advice;

/** {@code Runtime.exit(int)}, which {@code System.exit} calls. */
final class ExitAdvice {

    private ExitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) int status) {
        ShutdownBridge.exiting(status);
    }
}
