package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.bootstrap.ShutdownBridge;
import net.bytebuddy.asm.Advice;

/** {@code Runtime.halt(int)}: the JVM stops without running shutdown hooks. */
final class HaltAdvice {

    private HaltAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) int status) {
        ShutdownBridge.halting(status);
    }
}
