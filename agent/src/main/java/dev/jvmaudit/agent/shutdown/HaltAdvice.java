package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ShutdownBridge;

/** {@code Runtime.halt(int)}: the JVM stops without running shutdown hooks. */
final class HaltAdvice {

    private HaltAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) int status) {
        ShutdownBridge.halting(status);
    }
}
