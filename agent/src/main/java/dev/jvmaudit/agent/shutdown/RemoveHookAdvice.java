package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.bootstrap.ShutdownBridge;
import net.bytebuddy.asm.Advice;

/** {@code Runtime.removeShutdownHook(Thread)}. */
final class RemoveHookAdvice {

    private RemoveHookAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Thread hook, @Advice.Return boolean removed) {
        if (removed) {
            ShutdownBridge.hookRemoved(hook);
        }
    }
}
