package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.bootstrap.ShutdownBridge;
import net.bytebuddy.asm.Advice;

/** {@code Thread.dispatchUncaughtException(Throwable)}, for hooks that end by an exception. */
final class HookUncaughtAdvice {

    private HookUncaughtAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread, @Advice.Argument(0) Throwable error) {
        ShutdownBridge.uncaught(thread, error);
    }
}
