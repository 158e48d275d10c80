package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ShutdownBridge;

/** {@code Thread.dispatchUncaughtException(Throwable)}, for hooks that end by an exception. */
final class HookUncaughtAdvice {

    private HookUncaughtAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Thread thread, @Advice.Argument(0) Throwable error) {
        ShutdownBridge.uncaught(thread, error);
    }
}
